//! Sections 2.1.4 and 2.2: `run_until_complete`, `run_forever` + `stop`, and `close`.
//!
//! The article's engine metaphor: `stop()` switches the engine off (it can start again),
//! `close()` scraps it. The tokio twins, on one hand-built runtime:
//! - `run_until_complete(coro)` -> `rt.block_on(fut)`: runs until that future is done and
//!   returns its value; spawned tasks run too while it waits.
//! - `run_forever()` + `stop()` -> `rt.block_on(token.cancelled())` + `token.cancel()` from a
//!   task (tokio-util's `CancellationToken`). After it returns, the runtime can run again.
//! - `close()` -> dropping the runtime: every task still pending is dropped where it is parked.
//!
//! Run with:
//! ```text
//! cargo run --example deep_2_1_4_run_and_stop
//! ```
//!
//! Expected output, which a real run prints over 2 s:
//! ```text
//! -- run_until_complete --
//! in say_helloworld
//! in say_hello
//! in say_world
//! HelloWorld
//! -- run_forever, then stop() --
//! slow job started
//! in say_helloworld
//! in say_hello
//! in say_world
//! HelloWorld
//! stopped; the slow job is still pending: true
//! -- the stopped runtime runs again --
//! slow job finished
//! -- close() --
//! job parked in a 10 s sleep
//! job dropped at its .await
//! spawn after close(): the task is cancelled at once
//! ```
//!
//! Where Rust differs:
//! - On a current_thread runtime, tasks move only while some `block_on` runs: between the
//!   `stop` and the next `block_on` the slow job is frozen, not "finishing its current step".
//! - asyncio raises `RuntimeError` when you close a running loop or run a closed one. Here
//!   `block_on` borrows the runtime, so dropping it while it runs does not compile, and a closed
//!   runtime cannot be named again. Only a leftover `Handle` can reach it: what it spawns comes
//!   back already cancelled.
//! - Python warns "Task was destroyed but it is pending!" at close; tokio drops such tasks
//!   silently, running their `Drop` code (the job's guard below), never an async `finally`.

use std::time::Duration;

use tokio::runtime::Builder;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn say_hello() -> String {
    println!("in say_hello");
    "Hello".to_string()
}

async fn say_world() -> String {
    println!("in say_world");
    "World".to_string()
}

async fn say_helloworld() -> String {
    println!("in say_helloworld");
    say_hello().await + &say_world().await
}

async fn slow_job() {
    println!("slow job started");
    sleep(Duration::from_secs(2)).await;
    println!("slow job finished");
}

/// Prints when the job that owns it is dropped: the only clean-up a dropped task gets.
struct DropGuard;

impl Drop for DropGuard {
    fn drop(&mut self) {
        println!("job dropped at its .await");
    }
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    // `new_event_loop()`.
    let rt = Builder::new_current_thread().enable_all().build()?;

    println!("-- run_until_complete --");
    let retval = rt.block_on(say_helloworld());
    println!("{retval}");

    println!("-- run_forever, then stop() --");
    let stop = CancellationToken::new();
    let slow = rt.spawn(slow_job());
    let stopper = stop.clone();
    rt.spawn(async move {
        println!("{}", say_helloworld().await);
        stopper.cancel();
    });
    // `run_forever()`: nothing but the token ends this call.
    rt.block_on(stop.cancelled());
    println!(
        "stopped; the slow job is still pending: {}",
        !slow.is_finished()
    );

    println!("-- the stopped runtime runs again --");
    rt.block_on(slow)?;

    println!("-- close() --");
    let handle = rt.handle().clone();
    let guard = DropGuard;
    rt.spawn(async move {
        let _guard = guard;
        println!("job parked in a 10 s sleep");
        sleep(Duration::from_secs(10)).await;
    });
    // Let the job run up to its first `.await`, then scrap the runtime under it.
    rt.block_on(tokio::task::yield_now());
    drop(rt);

    // A `JoinHandle` is a plain future, so a runtime-free executor can await this one.
    match futures::executor::block_on(handle.spawn(async {})) {
        Err(error) if error.is_cancelled() => {
            println!("spawn after close(): the task is cancelled at once");
        }
        other => return Err(format!("expected a cancelled task, got {other:?}").into()),
    }
    Ok(())
}
