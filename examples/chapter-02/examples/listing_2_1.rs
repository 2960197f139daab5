//! Listing 2.1: a coroutine made with the `async` keyword.
//!
//! The Rust twin of `chapter_02/listing_2_1.py`. `async def my_coroutine()` becomes
//! `async fn my_coroutine()`: an ordinary function whose call returns a future.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_1
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Hello world!
//! ```
//!
//! The book's listing only defines the coroutine, so the Python file prints nothing. To see the
//! line, this example adds the step the text describes next: put the coroutine on an event loop
//! (`#[util::main]` here, `asyncio.run` there) and await it. Nothing in the body suspends, so it
//! runs straight through on the first poll.

async fn my_coroutine() {
    println!("Hello world!");
}

#[util::main]
async fn main() {
    my_coroutine().await;
}
