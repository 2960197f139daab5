//! Listing 11.6: a semaphore lets two operations in at a time.
//!
//! The Rust twin of `chapter_11/listing_11_6.py`. Four 2-second operations, a semaphore of 2:
//! two run, two wait, and the whole takes 4 s.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_6
//! ```
//!
//! Expected output (4 s):
//! ```text
//! Waiting to acquire semaphore...
//! Semaphore acquired!
//! Waiting to acquire semaphore...
//! Semaphore acquired!
//! Waiting to acquire semaphore...
//! Waiting to acquire semaphore...
//! Semaphore released!
//! Semaphore released!
//! Semaphore acquired!
//! Semaphore acquired!
//! Semaphore released!
//! Semaphore released!
//! ```
//!
//! Where Rust differs: `asyncio.Semaphore` is `tokio::sync::Semaphore`; `async with semaphore:`
//! is the permit `acquire().await` returns, released when it is dropped.

use std::time::Duration;

use futures::future::join_all;
use tokio::sync::Semaphore;

async fn operation(semaphore: &Semaphore) {
    println!("Waiting to acquire semaphore...");
    {
        let _permit = semaphore
            .acquire()
            .await
            .expect("the semaphore is never closed");
        println!("Semaphore acquired!");
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    println!("Semaphore released!");
}

#[util::main]
async fn main() {
    let semaphore = Semaphore::new(2);
    join_all((0..4).map(|_| operation(&semaphore))).await;
}
