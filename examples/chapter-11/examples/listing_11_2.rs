//! Listing 11.2: a lost update: reading, awaiting, then writing.
//!
//! The Rust twin of `chapter_11/listing_11_2.py`. Each task reads the counter, sleeps 10 ms,
//! then writes back what it read plus one. All hundred read 0 before any of them writes, so the
//! round ends at 1, and the assertion fails.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_2
//! ```
//!
//! Expected output (0.01 s):
//! ```text
//! Counter is 1
//! ```
//! Expected stderr, and exit status 1, where Python raises `AssertionError`:
//! ```text
//! Error: assertion failed: counter == 100 (counter is 1)
//! ```
//!
//! Where Rust differs: the race needs no threads and no `unsafe`, only an `.await` between a
//! read and a write: the compiler stops a data race, not a logic race. The counter is an
//! `AtomicU32` read and written separately, as in Listing 11.1; a `tokio::sync::Mutex` held
//! across the sleep (Listing 11.4) would fix it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use futures::future::try_join_all;

static COUNTER: AtomicU32 = AtomicU32::new(0);

async fn increment() {
    let temp_counter = COUNTER.load(Ordering::Relaxed);
    let temp_counter = temp_counter + 1;
    // WRONG, on purpose: every other task reads the old value during this sleep.
    tokio::time::sleep(Duration::from_millis(10)).await;
    COUNTER.store(temp_counter, Ordering::Relaxed);
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    for _ in 0..1000 {
        let tasks: Vec<_> = (0..100).map(|_| tokio::spawn(increment())).collect();
        try_join_all(tasks).await?;
        let counter = COUNTER.load(Ordering::Relaxed);
        println!("Counter is {counter}");
        if counter != 100 {
            return Err(format!("assertion failed: counter == 100 (counter is {counter})").into());
        }
        COUNTER.store(0, Ordering::Relaxed);
    }
    Ok(())
}
