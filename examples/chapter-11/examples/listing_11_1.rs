//! Listing 11.1: a shared counter that single-threaded concurrency keeps correct.
//!
//! The Rust twin of `chapter_11/listing_11_1.py`. A thousand rounds of a hundred tasks, each
//! sleeping 10 ms and then adding one to a shared counter. The read and the write happen with
//! no `await` between them, and only one task runs at a time, so no update is lost: every
//! round ends at 100.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_1
//! ```
//!
//! Expected output (10 s), the same line a thousand times:
//! ```text
//! Counter is 100
//! ```
//!
//! Where Rust differs: tasks cannot share a plain mutable `static` or a `&mut` (the compiler
//! refuses: a data race would be possible on a multi-thread runtime), so the counter is an
//! `AtomicU32`. It is read and written in two separate steps (`load`, then `store`), not with
//! `fetch_add`, to keep the book's `counter = counter + 1`; Listing 11.2 shows what an `await`
//! between those two steps does.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use futures::future::try_join_all;

static COUNTER: AtomicU32 = AtomicU32::new(0);

async fn increment() {
    tokio::time::sleep(Duration::from_millis(10)).await;
    let counter = COUNTER.load(Ordering::Relaxed);
    COUNTER.store(counter + 1, Ordering::Relaxed);
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
