//! Listing 2.9: running several tasks at once.
//!
//! The Rust twin of `chapter_02/listing_2_9.py`. Three tasks each sleep for 3 seconds; because
//! they sleep at the same time, the program ends after 3 seconds, not 9.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_9
//! ```
//!
//! Expected output (3 s):
//! ```text
//! sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! ```
//!
//! `tokio::spawn` is `asyncio.create_task`: the task is scheduled at once and starts running the
//! next time `main` yields, which is at its first `.await`. On this single-threaded runtime the
//! three tasks then take turns, like asyncio's loop. On a multi-thread runtime they could start
//! before `main` reaches its first `.await`, and in parallel.

use util::delay;

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let sleep_for_three = tokio::spawn(delay(3));
    let sleep_again = tokio::spawn(delay(3));
    let sleep_once_more = tokio::spawn(delay(3));

    // Awaiting a JoinHandle gives `Result<T, JoinError>`: the error says the task panicked or
    // was aborted, which Python would raise from the `await`.
    sleep_for_three.await?;
    sleep_again.await?;
    sleep_once_more.await?;
    Ok(())
}
