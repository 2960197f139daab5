//! Section 9, Python 3.11: `async with asyncio.timeout(delay)` -> `tokio::time::timeout`.
//!
//! `asyncio.timeout` (recommended over `wait_for` for new code) cancels the block inside it
//! when the time is up and raises `TimeoutError` outside it. A 3 s job under a 2 s limit is
//! cancelled at 2 s; a 1 s job under the same limit returns its value.
//!
//! Run with:
//! ```text
//! cargo run --example deep_9_timeout
//! ```
//!
//! Expected output (3 s):
//! ```text
//! slow job cancelled
//! TimeoutError after 2 s
//! quick job returned "done" after 3 s
//! ```
//!
//! Where Rust differs:
//! - `timeout(d, future)` wraps a future, not a block: put the block in `async { ... }`. It
//!   returns `Err(Elapsed)` instead of raising, and the inner future is dropped, which is the
//!   cancellation (its `Drop` code runs; nothing can catch it and go on).
//! - `timeout_at(instant, ...)` is `asyncio.timeout_at`. `reschedule()` has no direct twin; keep
//!   a pinned `sleep_until` in a `select!` and call `reset()` on it to move the deadline.
//! - Trap: `timeout(d, join_handle)` stops *waiting* for a task but does not cancel it. Wrap the
//!   handle in tokio-util's `AbortOnDropHandle` to get `wait_for`'s behaviour.

use std::time::Duration;

use tokio::time::{Instant, sleep, timeout};

/// Prints if the job is dropped before it finished.
struct CancelReport {
    finished: bool,
}

impl Drop for CancelReport {
    fn drop(&mut self) {
        if !self.finished {
            println!("slow job cancelled");
        }
    }
}

async fn job(seconds: u64) -> &'static str {
    let mut report = CancelReport { finished: false };
    sleep(Duration::from_secs(seconds)).await;
    report.finished = true;
    "done"
}

#[util::main]
async fn main() {
    let started = Instant::now();
    let limit = Duration::from_secs(2);

    match timeout(limit, job(3)).await {
        Ok(value) => println!("slow job returned {value:?}"),
        Err(_elapsed) => println!("TimeoutError after {} s", started.elapsed().as_secs()),
    }

    match timeout(limit, job(1)).await {
        Ok(value) => println!(
            "quick job returned {value:?} after {} s",
            started.elapsed().as_secs()
        ),
        Err(_elapsed) => println!("quick job timed out"),
    }
}
