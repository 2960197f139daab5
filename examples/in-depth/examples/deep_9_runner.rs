//! Section 9, Python 3.11: `asyncio.Runner` -> a `Runtime` you keep and `block_on` repeatedly.
//!
//! `asyncio.run()` makes a loop, runs one coroutine and closes the loop. `asyncio.Runner`
//! exposes the pieces: `with Runner() as runner:` makes the loop once, `runner.run(coro)` can be
//! called several times on it, and tasks left running by one call are still there for the
//! next, until leaving the block closes the loop and cancels them.
//!
//! Run with:
//! ```text
//! cargo run --example deep_9_runner
//! ```
//!
//! Expected output:
//! ```text
//! runner.run(say_hello()) -> Hello
//! runner.run(...) left a ticker task running
//! runner.run(sleep 2.5 s): the ticker ticked 2 time(s) meanwhile
//! runner closed; the ticker was dropped
//! ```
//!
//! Where Rust differs:
//! - A tokio `Runtime` already is a runner: build it once (the builder is `loop_factory`, new in
//!   3.12, and `debug=`), then `block_on` as often as you like. `runner.get_loop()` is
//!   `runtime.handle()`.
//! - On this current_thread runtime, left-over tasks run only inside a `block_on`, exactly as a
//!   Runner's tasks run only inside `runner.run`.
//! - Leaving the `with` block is dropping the runtime: leftover tasks are dropped at their
//!   `.await` (only their `Drop` code runs). `Runner.close()` also shuts down the default
//!   executor; tokio's drop waits for running `spawn_blocking` jobs the same way.
//! - The runtime is built by hand here, on the real clock: a run takes 2.5 s.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::runtime::Builder;
use tokio::time::sleep;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn say_hello() -> &'static str {
    "Hello"
}

/// Prints when the ticker task is dropped with the runtime.
struct DropReport;

impl Drop for DropReport {
    fn drop(&mut self) {
        println!("runner closed; the ticker was dropped");
    }
}

async fn ticker(ticks: Arc<AtomicU32>) {
    let _report = DropReport;
    loop {
        sleep(Duration::from_secs(1)).await;
        ticks.fetch_add(1, Ordering::Relaxed);
    }
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    // `with asyncio.Runner() as runner:`
    let runner = Builder::new_current_thread().enable_all().build()?;

    println!(
        "runner.run(say_hello()) -> {}",
        runner.block_on(say_hello())
    );

    let ticks = Arc::new(AtomicU32::new(0));
    runner.block_on(async {
        tokio::spawn(ticker(Arc::clone(&ticks)));
    });
    println!("runner.run(...) left a ticker task running");

    // `sleep` inside an `async` block: created outside the runtime, it would panic
    // (see `deep_3_1_1_poll_by_hand`).
    runner.block_on(async { sleep(Duration::from_millis(2500)).await });
    println!(
        "runner.run(sleep 2.5 s): the ticker ticked {} time(s) meanwhile",
        ticks.load(Ordering::Relaxed)
    );

    // Leaving the `with` block.
    drop(runner);
    Ok(())
}
