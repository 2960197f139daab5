//! Section 6.3.2: Handle and TimerHandle, cancel / cancelled / when
//!
//! The Rust twin of the article's handle example: `call_soon` a greeting for Alice, print
//! `cancelled()` and cancel it; `call_later(5, ...)` a greeting for Bob, print `when()` and
//! cancel it too; then run the loop for 0.1 s. Neither greeting is printed.
//!
//! Run with:
//! ```text
//! cargo run --example deep_6_3_2_handles
//! ```
//!
//! Expected output (0.1 s):
//! ```text
//! Cancelled: false
//! Scheduled at: 5.0
//! ```
//!
//! Where Rust differs: `when()` returns a `tokio::time::Instant`, which cannot be printed as a
//! number the way Python's `loop.time()` float can, so the program prints it as seconds since
//! it started (Python's value is seconds since some arbitrary point, such as the machine's boot).
//! Rust prints booleans in lower case. `asyncio_blocks::Handle` covers `cancel()` and
//! `cancelled()`; `get_context()` has no counterpart, because tokio has no `contextvars` (task
//! locals are `tokio::task_local!`). Dropping a handle does not cancel its callback, as in
//! Python.

use std::time::Duration;

use asyncio_blocks::{call_later, call_soon};
use tokio::time::Instant;

fn my_callback(name: &str) {
    println!("Hello, {name}!");
}

#[util::main]
async fn main() {
    let start = Instant::now();

    let handle = call_soon(|| my_callback("Alice"));
    println!("Cancelled: {}", handle.cancelled());
    handle.cancel();

    let timer_handle = call_later(Duration::from_secs(5), || my_callback("Bob"));
    let when = (timer_handle.when() - start).as_secs_f64();
    println!("Scheduled at: {when:.1}");
    timer_handle.cancel();

    // Give the loop a chance to run what is still scheduled: nothing is.
    tokio::time::sleep(Duration::from_millis(100)).await;
}
