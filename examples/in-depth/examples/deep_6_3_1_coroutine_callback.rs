//! Section 6.3.1: coroutines as callbacks
//!
//! The Rust twin of the article's section on running a coroutine from the callback
//! machinery. A coroutine is started three ways: as a task directly (`create_task`), from a
//! `call_soon` callback, and from a `call_later` callback half a second later.
//!
//! Run with:
//! ```text
//! cargo run --example deep_6_3_1_coroutine_callback
//! ```
//!
//! Expected output (3 s):
//! ```text
//! my_coroutine(create_task) starts, works 1 s
//! my_coroutine(call_soon) starts, works 2 s
//! my_coroutine(call_later) starts, works 2 s
//! my_coroutine(create_task) finishes
//! my_coroutine(call_soon) finishes
//! my_coroutine(call_later) finishes
//! ```
//!
//! Where Rust differs: a callback is a plain function, and it cannot await; what it can do is
//! start a task, `tokio::spawn(my_coroutine(..))`, which is `loop.create_task` and returns at
//! once. The article's snippet hands the Task itself to `call_soon(task)`; asyncio rejects that
//! with `TypeError` (a Task is not callable, and it is already scheduled anyway). In Rust the
//! same mistake does not compile: `call_soon` wants a closure, and a `JoinHandle` is not one.

use std::time::Duration;

use asyncio_blocks::{call_later, call_soon};
use tokio::time::sleep;

async fn my_coroutine(started_by: &'static str, seconds: u64) {
    println!("my_coroutine({started_by}) starts, works {seconds} s");
    sleep(Duration::from_secs(seconds)).await;
    println!("my_coroutine({started_by}) finishes");
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let task = tokio::spawn(my_coroutine("create_task", 1));
    call_soon(|| {
        tokio::spawn(my_coroutine("call_soon", 2));
    });
    call_later(Duration::from_millis(500), || {
        tokio::spawn(my_coroutine("call_later", 2));
    });
    // The two coroutines started from callbacks have no handle here; like the article's
    // `run_until_complete(asyncio.sleep(..))`, keep the loop busy until they are done.
    sleep(Duration::from_secs(3)).await;
    // That task ended long ago: awaiting its handle only collects its result.
    task.await
}
