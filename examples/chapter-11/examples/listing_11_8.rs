//! Listing 11.8: releasing a semaphore once too often raises its limit.
//!
//! The Rust twin of `chapter_11/listing_11_8.py`. A semaphore of 2 is acquired twice and
//! released three times: it now lets three holders in at once, which the second round shows.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_8
//! ```
//!
//! Expected output (10 s):
//! ```text
//! Acquiring twice, releasing three times...
//! Waiting to acquire
//! Acquired
//! Waiting to acquire
//! Acquired
//! Releasing as a one off!
//! Released as a one off!
//! Releasing
//! Releasing
//! Acquiring three times...
//! Waiting to acquire
//! Acquired
//! Waiting to acquire
//! Acquired
//! Waiting to acquire
//! Acquired
//! Releasing
//! Releasing
//! Releasing
//! ```
//!
//! Where Rust differs: a permit from `acquire` gives itself back when dropped, so it cannot be
//! released twice. The one-off release is `add_permits(1)`, which, like Python's `release()` on
//! a plain semaphore, raises the count silently; `BoundedSemaphore` (Listing 11.9) refuses.

use std::time::Duration;

use tokio::sync::Semaphore;

async fn acquire(semaphore: &Semaphore) {
    println!("Waiting to acquire");
    {
        let _permit = semaphore
            .acquire()
            .await
            .expect("the semaphore is never closed");
        println!("Acquired");
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    println!("Releasing");
}

async fn release(semaphore: &Semaphore) {
    println!("Releasing as a one off!");
    semaphore.add_permits(1);
    println!("Released as a one off!");
}

#[util::main]
async fn main() {
    let semaphore = Semaphore::new(2);

    println!("Acquiring twice, releasing three times...");
    tokio::join!(
        acquire(&semaphore),
        acquire(&semaphore),
        release(&semaphore)
    );

    println!("Acquiring three times...");
    tokio::join!(
        acquire(&semaphore),
        acquire(&semaphore),
        acquire(&semaphore)
    );
}
