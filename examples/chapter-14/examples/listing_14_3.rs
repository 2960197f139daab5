//! Listing 14.3: forcing new tasks to start with `asyncio.sleep(0)`.
//!
//! The Rust twin of `chapter_14/listing_14_3.py`. A created task does not start until the
//! current one gives the loop a turn. Without that turn, `Gathering tasks:` comes before the
//! tasks' first lines; with a zero-length sleep after each creation, it comes after them.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_3
//! ```
//!
//! Expected output (4 s):
//! ```text
//! --- Testing without asyncio.sleep(0) ---
//! Gathering tasks:
//! sleeping for 1 second(s)
//! sleeping for 2 second(s)
//! finished sleeping for 1 second(s)
//! finished sleeping for 2 second(s)
//! --- Testing with asyncio.sleep(0) ---
//! sleeping for 1 second(s)
//! sleeping for 2 second(s)
//! Gathering tasks:
//! finished sleeping for 1 second(s)
//! finished sleeping for 2 second(s)
//! ```
//!
//! Where Rust differs: `asyncio.sleep(0)` is `tokio::task::yield_now()`. tokio's
//! `sleep(Duration::ZERO)` does not yield: it is ready at once. On a multi-thread runtime a
//! spawned task may start on another worker without any yield; on this single-threaded one, as
//! in asyncio, it waits for its turn.

use tokio::task::yield_now;
use util::delay;

async fn create_tasks_no_sleep() -> Result<(), tokio::task::JoinError> {
    let task1 = tokio::spawn(delay(1));
    let task2 = tokio::spawn(delay(2));
    println!("Gathering tasks:");
    let (one, two) = tokio::join!(task1, task2);
    one?;
    two?;
    Ok(())
}

async fn create_tasks_sleep() -> Result<(), tokio::task::JoinError> {
    let task1 = tokio::spawn(delay(1));
    yield_now().await;
    let task2 = tokio::spawn(delay(2));
    yield_now().await;
    println!("Gathering tasks:");
    let (one, two) = tokio::join!(task1, task2);
    one?;
    two?;
    Ok(())
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    println!("--- Testing without asyncio.sleep(0) ---");
    create_tasks_no_sleep().await?;
    println!("--- Testing with asyncio.sleep(0) ---");
    create_tasks_sleep().await
}
