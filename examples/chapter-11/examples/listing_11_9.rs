//! Listing 11.9: a bounded semaphore refuses a release too many.
//!
//! The Rust twin of `chapter_11/listing_11_9.py`. Acquire once, release twice: the second
//! release would lift the count above its starting value, and fails.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_9
//! ```
//!
//! Expected output: nothing on stdout.
//! ```text
//! ```
//! Expected stderr, and exit status 1, where Python raises `ValueError`:
//! ```text
//! Error: BoundedSemaphore released too many times
//! ```
//!
//! Where Rust differs: tokio has no bounded semaphore; `asyncio_blocks::BoundedSemaphore` is
//! one, and its `release()` returns the error as a value (`OverRelease`) for `?` to pass on.

use asyncio_blocks::BoundedSemaphore;

#[util::main]
async fn main() -> Result<(), asyncio_blocks::OverRelease> {
    let semaphore = BoundedSemaphore::new(1);
    semaphore.acquire().await;
    semaphore.release()?;
    semaphore.release()?;
    Ok(())
}
