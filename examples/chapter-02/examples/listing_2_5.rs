//! Listing 2.5: a first program that sleeps.
//!
//! The Rust twin of `chapter_02/listing_2_5.py`. `hello_world_message` sleeps for a second
//! without blocking the thread, then returns its message.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Hello World!
//! ```
//!
//! The book's listing lost `message = await` in typesetting (its `main` calls
//! `hello_world_message()` and prints an undefined `message`); this example follows the
//! annotation that says `main` pauses until the message is ready.
//!
//! `tokio::time::sleep` is `asyncio.sleep`: the task is parked on a timer and the runtime is
//! free to run other tasks. `std::thread::sleep` would be `time.sleep`, and would block them all.

use std::time::Duration;

async fn hello_world_message() -> &'static str {
    tokio::time::sleep(Duration::from_secs(1)).await;
    "Hello World!"
}

#[util::main]
async fn main() {
    let message = hello_world_message().await;
    println!("{message}");
}
