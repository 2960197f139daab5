//! Listing 10.10: retrying a call that always fails, then one that always times out.
//!
//! The Rust twin of `chapter_10/listing_10_10.py`, with Listing 10.9's `retry` from the
//! chapter's library (`examples/chapter-10/src/listing_10_9.rs`). Each is tried three times,
//! with 0.1 s for each try and 0.1 s between tries, and each failure is logged on stderr:
//! three failures at once and three pauses, 0.3 s; three timeouts and three pauses, 0.6 s.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_10
//! ```
//!
//! Expected output (0.9 s):
//! ```text
//! Retried too many times!
//! Retried too many times!
//! ```
//!
//! Where Rust differs: the book's `logging.exception` prints each error with its traceback;
//! here each is one `ERROR` line on stderr with the error's message. An error is a value:
//! `always_fail` returns one rather than raising it.

use std::time::Duration;

use chapter_10::listing_10_9::{TooManyRetries, retry};

async fn always_fail() -> Result<(), String> {
    Err("I've failed!".to_owned())
}

async fn always_timeout() -> Result<(), String> {
    tokio::time::sleep(Duration::from_secs(1)).await;
    Ok(())
}

#[util::main]
async fn main() {
    util::log_to_stderr("error");
    let tenth = Duration::from_millis(100);

    if let Err(TooManyRetries) = retry(always_fail, 3, tenth, tenth).await {
        println!("Retried too many times!");
    }

    if let Err(TooManyRetries) = retry(always_timeout, 3, tenth, tenth).await {
        println!("Retried too many times!");
    }
}
