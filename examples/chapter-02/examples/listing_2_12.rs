//! Listing 2.12: a timeout that cancels the task, `asyncio.wait_for`.
//!
//! The Rust twin of `chapter_02/listing_2_12.py`. A 2-second task gets 1 second; when the time
//! is up the task is cancelled and the program says so.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_12
//! ```
//!
//! Expected output (1 s):
//! ```text
//! sleeping for 2 second(s)
//! Got a timeout!
//! Was the task cancelled? True
//! ```
//!
//! `tokio::time::timeout` is half of `wait_for`: it gives up waiting after the deadline (the
//! `Err(Elapsed)` is Python's `TimeoutError`) and drops the future it was polling. Dropping a
//! plain future cancels it, but here that future is `&mut JoinHandle`, and dropping a handle
//! (let alone a borrow of one) only detaches: the task would run on and print `finished sleeping
//! for 2 second(s)` a second later. So the example does the other half of `wait_for` itself: it
//! aborts the task and awaits it, which gives a `JoinError` that `is_cancelled()`.
//!
//! When you never need the task after the timeout, `tokio_util::task::AbortOnDropHandle::new(
//! tokio::spawn(...))` is the shorter twin: dropping it aborts the task. And `timeout` on a
//! future that is not spawned (`timeout(d, delay(2))`) cancels it by dropping, like `wait_for`
//! on a coroutine.

use std::time::Duration;

use tokio::time::timeout;
use util::delay;

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let mut delay_task = tokio::spawn(delay(2));
    match timeout(Duration::from_secs(1), &mut delay_task).await {
        Ok(result) => println!("{}", result?),
        Err(_elapsed) => {
            println!("Got a timeout!");
            // The task is still running: cancel it, then wait until it has really stopped, as
            // `wait_for` does before it raises.
            delay_task.abort();
            let cancelled = delay_task.await.is_err_and(|error| error.is_cancelled());
            // Python prints booleans capitalised.
            let cancelled = if cancelled { "True" } else { "False" };
            println!("Was the task cancelled? {cancelled}");
        }
    }
    Ok(())
}
