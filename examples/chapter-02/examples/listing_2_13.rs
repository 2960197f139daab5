//! Listing 2.13: shielding a task from a timeout, `asyncio.shield`.
//!
//! The Rust twin of `chapter_02/listing_2_13.py`. A 10-second task gets 5 seconds; when the time
//! is up the program says so, keeps waiting, and prints the result after 10 seconds.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_13
//! ```
//!
//! Expected output (10 s):
//! ```text
//! sleeping for 10 second(s)
//! Task took longer than five seconds, it will finish soon!
//! finished sleeping for 10 second(s)
//! 10
//! ```
//!
//! The book's printed output (`Task took longer than five seconds!` and a `finished <function
//! delay ...>` line) comes from another version of the program; this example prints what the
//! listing's code prints. That code also needs Python 3.11 or later: before 3.11, `wait_for`
//! raised `asyncio.TimeoutError`, which the listing's `except TimeoutError` does not catch.
//!
//! Rust needs no `shield` here, and that is the point of comparing with Listing 2.12: a timeout
//! around `&mut JoinHandle` drops only the borrow when it fires, and the task keeps running.
//! For a spawned task, tokio's default is asyncio's shielded case. (A future that is not
//! spawned has no such protection: `timeout` drops it, so to shield one, spawn it first.)

use std::time::Duration;

use tokio::time::timeout;
use util::delay;

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let mut task = tokio::spawn(delay(10));

    match timeout(Duration::from_secs(5), &mut task).await {
        Ok(result) => println!("{}", result?),
        Err(_elapsed) => {
            println!("Task took longer than five seconds, it will finish soon!");
            let result = task.await?;
            println!("{result}");
        }
    }
    Ok(())
}
