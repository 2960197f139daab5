//! Section 9, Python 3.9: `asyncio.to_thread(f)` -> `tokio::task::spawn_blocking(f)`.
//!
//! `to_thread` is the short way to write `run_in_executor(None, f)`: run a blocking function
//! in a thread and await it, while other coroutines keep running. Here a blocking call of 1 s
//! and a 1 s `sleep` in a coroutine run side by side, and the pair takes 1 s, not 2.
//!
//! Run with:
//! ```text
//! cargo run --example deep_9_to_thread
//! ```
//!
//! Expected output (1 s):
//! ```text
//! start blocking_io
//! blocking_io complete
//! blocking_io and a 1 s sleep ran side by side: 1 s in all
//! ```
//!
//! Where Rust differs:
//! - `spawn_blocking` takes a closure that owns what it uses (`'static`): pass arguments by
//!   moving them in, where `to_thread(f, *args)` takes them as arguments.
//! - Python copies the current `contextvars` context into the thread; tokio has no ambient
//!   context to copy (`task_local!` values stay with their task).
//! - The thread's work is real time, so the test runs this program on the real clock.

use std::time::Duration;

use tokio::time::{Instant, sleep};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn blocking_io() {
    println!("start blocking_io");
    std::thread::sleep(Duration::from_secs(1));
    println!("blocking_io complete");
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();
    // `await asyncio.gather(asyncio.to_thread(blocking_io), asyncio.sleep(1))`
    let (joined, ()) = tokio::join!(
        tokio::task::spawn_blocking(blocking_io),
        sleep(Duration::from_secs(1))
    );
    joined?;
    println!(
        "blocking_io and a 1 s sleep ran side by side: {} s in all",
        started.elapsed().as_secs()
    );
    Ok(())
}
