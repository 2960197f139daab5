//! Listing 4.4: awaiting each task as soon as it is made runs them one after the other.
//!
//! The Rust twin of `chapter_04/listing_4_4.py`. A list comprehension that creates a task and
//! awaits it at once: each `delay(3)` finishes before the next one is even spawned, so the
//! three take 9 s. Listing 4.5 is the fix.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_4
//! ```
//!
//! Expected output (9 s):
//! ```text
//! starting main with args ()
//! sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! finished main in 9.0000 second(s)
//! ```
//!
//! Where Rust differs: an iterator is lazy, like the comprehension's loop, so awaiting inside
//! it needs an explicit `for`; the pitfall is the same, and so is the cure.

use util::delay;

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let delay_times = [3, 3, 3];
    // WRONG, on purpose: each task is awaited before the next one is spawned.
    for seconds in delay_times {
        tokio::spawn(delay(seconds)).await?;
    }
    Ok(())
}
