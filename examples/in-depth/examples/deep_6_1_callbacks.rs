//! Section 6.1: call_soon, call_later and call_at on the loop's monotonic clock
//!
//! The Rust twin of the article's scheduling example (its listing is a picture; this is the
//! program its text describes). One plain function is scheduled three ways: as soon as
//! possible, after a delay, and at a moment on the loop's clock. A fourth call starts from a
//! wall-clock deadline, the case the article warns about, and converts it first.
//!
//! Run with:
//! ```text
//! cargo run --example deep_6_1_callbacks
//! ```
//!
//! Expected output (3.5 s):
//! ```text
//! scheduled 4 callbacks
//! callback 1 (call_soon) at 0.0 s
//! callback 4 (wall-clock deadline, converted) at 1.0 s
//! callback 2 (call_later) at 2.0 s
//! callback 3 (call_at) at 3.0 s
//! ```
//!
//! Where Rust differs: tokio runs tasks, not callbacks, so `asyncio_blocks::{call_soon,
//! call_later, call_at}` wrap each callback in a small task; arguments travel inside the
//! closure, which also covers what Python needs `functools.partial` for (keyword arguments).
//! `loop.time()` is `tokio::time::Instant::now()`, a monotonic clock that also follows the
//! paused clock of tests. The pitfall the article warns about, `call_at(time.time() + 1, ...)`
//! (a wall-clock timestamp where a loop time is expected, so the callback lands decades away),
//! cannot be written here: `call_at` takes a `tokio::time::Instant`, and a
//! `std::time::SystemTime` does not convert to one. A wall-clock deadline has to be turned into
//! "how long from now" first, as callback 4 does.

use std::time::{Duration, SystemTime};

use asyncio_blocks::{call_at, call_later, call_soon};
use tokio::time::Instant;

/// The callback: a plain function, as asyncio's are. `start` stands in for the loop time the
/// program began at, so the printed times are relative to it.
fn callback(number: u32, how: &str, start: Instant) {
    let at = start.elapsed().as_secs_f64();
    println!("callback {number} ({how}) at {at:.1} s");
}

#[util::main]
async fn main() {
    let start = Instant::now(); // loop.time()

    call_soon(move || callback(1, "call_soon", start));
    call_later(Duration::from_secs(2), move || {
        callback(2, "call_later", start)
    });
    call_at(start + Duration::from_secs(3), move || {
        callback(3, "call_at", start)
    });

    // A deadline that arrives as a wall-clock time, say from a config file or a user.
    let wall_deadline = SystemTime::now() + Duration::from_secs(1);
    let from_now = wall_deadline
        .duration_since(SystemTime::now())
        .unwrap_or_default(); // already past: run as soon as possible
    call_at(Instant::now() + from_now, move || {
        callback(4, "wall-clock deadline, converted", start)
    });
    println!("scheduled 4 callbacks");

    // Keep the loop running past the last callback, as the article's
    // `run_until_complete(asyncio.sleep(...))` does.
    tokio::time::sleep(Duration::from_millis(3500)).await;
}
