//! Listing 4.5: spawn every task first, then await them: 3 s, not 9.
//!
//! The Rust twin of `chapter_04/listing_4_5.py`, the fix for Listing 4.4: the three tasks are
//! all running before the first `await`, so their sleeps overlap.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_5
//! ```
//!
//! Expected output (3 s):
//! ```text
//! starting main with args ()
//! sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! finished main in 3.0000 second(s)
//! ```
//!
//! Where Rust differs: `collect()` into a `Vec` is what makes the spawning happen first: an
//! iterator left lazy would spawn each task only when the awaiting loop asked for it, which is
//! Listing 4.4 again.

use util::delay;

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let delay_times = [3, 3, 3];
    let tasks: Vec<_> = delay_times
        .into_iter()
        .map(|seconds| tokio::spawn(delay(seconds)))
        .collect();
    for task in tasks {
        task.await?;
    }
    Ok(())
}
