//! Listing 2.7: two coroutines, awaited one after the other.
//!
//! The Rust twin of `chapter_02/listing_2_7.py`, and the first user of `util::delay`, the twin
//! of the book's Listing 2.6 (`util/src/delay.rs`). `main` awaits `hello_world_message`, which
//! sleeps for a second, and only then awaits `add_one`: both results appear after one second.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_7
//! ```
//!
//! Expected output (1 s):
//! ```text
//! sleeping for 1 second(s)
//! finished sleeping for 1 second(s)
//! 2
//! Hello World!
//! ```
//!
//! The behaviour is the one the book wants to get rid of: `.await` suspends `main` until its
//! future is done, so the code is concurrent in name only. Listing 2.8 brings in tasks.

use util::delay;

async fn add_one(number: i32) -> i32 {
    number + 1
}

async fn hello_world_message() -> &'static str {
    delay(1).await;
    "Hello World!"
}

#[util::main]
async fn main() {
    let message = hello_world_message().await;
    let one_plus_one = add_one(1).await;
    println!("{one_plus_one}");
    println!("{message}");
}
