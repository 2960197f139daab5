//! Listing 4.7: `gather` returns the results in the order it was given, not the order they
//! finish in.
//!
//! The Rust twin of `chapter_04/listing_4_7.py`. `delay(1)` finishes first, yet the result list
//! is `[3, 1]`, the order of the arguments.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_7
//! ```
//!
//! Expected output (3 s):
//! ```text
//! sleeping for 3 second(s)
//! sleeping for 1 second(s)
//! finished sleeping for 1 second(s)
//! finished sleeping for 3 second(s)
//! [3, 1]
//! ```
//!
//! Where Rust differs: `tokio::join!` is `gather` for a fixed number of futures; it returns a
//! tuple, one output per argument, in argument order.

use util::delay;

#[util::main]
async fn main() {
    let (three, one) = tokio::join!(delay(3), delay(1));
    println!("{:?}", [three, one]);
}
