//! Section 2.1.1: event loop policies -> choosing a runtime flavour with `Builder`.
//!
//! The article's `get_event_loop_policy()` / `set_event_loop_policy(uvloop.EventLoopPolicy())`
//! swap the loop implementation for the whole process. tokio has no policy object and no
//! pluggable loop: you pick a scheduler when you build a runtime, and you can build as many
//! runtimes of as many kinds as you like. This program builds the three kinds and runs the
//! same small job on each.
//!
//! Run with:
//! ```text
//! cargo run --example deep_2_1_1_flavours
//! ```
//!
//! Expected output:
//! ```text
//! current_thread: flavour CurrentThread, 1 worker(s), job ran on thread main
//! multi_thread: flavour MultiThread, 2 worker(s), job ran on thread pool-worker
//! local: flavour CurrentThread, 1 worker(s), job ran on thread main, shared an Rc with 2 owners
//! ```
//!
//! Where Rust differs:
//! - current_thread is asyncio's model: one thread runs every task (`#[util::main]` and
//!   `#[tokio::main(flavor = "current_thread")]` build this one).
//! - multi_thread (`#[tokio::main]`'s default) is what asyncio cannot do: several worker
//!   threads steal tasks from each other, so tasks run in parallel and must be `Send`.
//! - A `LocalRuntime` is a current_thread runtime whose `spawn_local` accepts tasks that are not
//!   `Send` (holding an `Rc`, a `RefCell`), which is how every asyncio task behaves.
//! - uvloop's "faster loop" has no counterpart: the scheduler is tokio's own; io_uring support
//!   exists only behind `--cfg tokio_unstable`.
//! - The article's "one policy per process" trap cannot happen: there is no global state to
//!   get out of step, only runtime values that you own.

use std::rc::Rc;

use tokio::runtime::{Builder, Handle, LocalOptions};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What each runtime reports about itself, from inside a job it runs.
fn describe(label: &str) -> String {
    let handle = Handle::current();
    format!(
        "{label}: flavour {:?}, {} worker(s), job ran on thread {}",
        handle.runtime_flavor(),
        handle.metrics().num_workers(),
        std::thread::current().name().unwrap_or("unnamed"),
    )
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    // Like asyncio's own loop: this thread runs the tasks while it sits in `block_on`.
    let current = Builder::new_current_thread().enable_all().build()?;
    println!("{}", current.block_on(async { describe("current_thread") }));

    // Two workers whatever the core count, so the output is the same on every machine.
    let multi = Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("pool-worker")
        .enable_all()
        .build()?;
    // A spawned task runs on a worker thread, not on the thread that called `block_on`.
    let on_worker =
        multi.block_on(async { tokio::spawn(async { describe("multi_thread") }).await })?;
    println!("{on_worker}");

    let local = Builder::new_current_thread()
        .enable_all()
        .build_local(LocalOptions::default())?;
    let shared = Rc::new(());
    let in_task = Rc::clone(&shared);
    // `tokio::spawn` would refuse this future at compile time: an `Rc` is not `Send`.
    let job = local.spawn_local(async move {
        let owners = Rc::strong_count(&in_task);
        format!("{}, shared an Rc with {owners} owners", describe("local"))
    });
    println!("{}", local.block_on(job)?);
    Ok(())
}
