//! Listing 10.12: a circuit breaker in front of a service that is always too slow.
//!
//! The Rust twin of `chapter_10/listing_10_12.py`, with Listing 10.11's `CircuitBreaker` from
//! the chapter's library (`examples/chapter-10/src/listing_10_11.rs`). The service takes 2 s
//! and the breaker waits 1 s: two timeouts open the circuit, and the next two calls fail at
//! once. Five seconds later the circuit closes, and the same story starts again: 1 + 1 + 5 +
//! 1 + 1 seconds.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_12
//! ```
//!
//! Expected output (9 s):
//! ```text
//! Circuit is closed, requesting!
//! Making request!
//! Circuit is closed, requesting!
//! Making request!
//! Circuit is open, failing fast!
//! Circuit is open, failing fast!
//! Sleeping for 5 seconds so breaker closes...
//! Circuit is going from open to closed, resetting!
//! Making request!
//! Circuit is closed, requesting!
//! Making request!
//! Circuit is open, failing fast!
//! Circuit is open, failing fast!
//! ```
//!
//! Where Rust differs: the breaker's clock is tokio's, not the wall clock, so that the test
//! runs the 9 s exactly and at once under the paused clock. The book's loop swallows every
//! exception; here the errors are values, and the loop lets them go the same way.

use std::convert::Infallible;
use std::time::Duration;

use chapter_10::listing_10_11::CircuitBreaker;

async fn slow_callback() -> Result<(), Infallible> {
    tokio::time::sleep(Duration::from_secs(2)).await;
    Ok(())
}

#[util::main]
async fn main() {
    let mut cb = CircuitBreaker::new(
        slow_callback,
        Duration::from_secs(1),
        Duration::from_secs(5),
        2,
        Duration::from_secs(5),
    );

    for _ in 0..4 {
        let _ = cb.request().await;
    }

    println!("Sleeping for 5 seconds so breaker closes...");
    tokio::time::sleep(Duration::from_secs(5)).await;

    for _ in 0..4 {
        let _ = cb.request().await;
    }
}
