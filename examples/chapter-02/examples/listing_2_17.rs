//! Listing 2.17: timing two concurrent tasks with the decorator.
//!
//! The Rust twin of `chapter_02/listing_2_17.py`, and the first user of `#[util::async_timed]`,
//! the twin of the book's Listing 2.16 (`util/src/timed.rs` and `util/macros/src/lib.rs`).
//! Delays of 2 and 3 seconds run as tasks; `main` is done after 3 seconds, not 5.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_17
//! ```
//!
//! Expected output (3 s):
//! ```text
//! starting main with args ()
//! starting delay with args (2,)
//! sleeping for 2 second(s)
//! starting delay with args (3,)
//! sleeping for 3 second(s)
//! finished sleeping for 2 second(s)
//! finished delay in 2.0000 second(s)
//! finished sleeping for 3 second(s)
//! finished delay in 3.0000 second(s)
//! finished main in 3.0000 second(s)
//! ```
//!
//! The book's printout leaves out the `sleeping` lines that `delay` prints; they are shown here
//! as the code prints them. Python names the function by its repr (`<function delay at 0x...>`)
//! and adds the keyword arguments (`{}`); the attribute prints the bare name and the positional
//! arguments. The seconds above are exact because the tests run on tokio's paused clock; a real
//! run shows a little more, like `2.0012`.
//!
//! `#[util::async_timed]` goes above `#[util::main]`, as `@async_timed()` sits on `main` while
//! `asyncio.run` runs it. `delay` is the book's listing redefined with the decorator; its body
//! is `util::delay`, which prints the same lines.

#[util::async_timed]
async fn delay(delay_seconds: u64) -> u64 {
    util::delay(delay_seconds).await
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let task_one = tokio::spawn(delay(2));
    let task_two = tokio::spawn(delay(3));

    task_one.await?;
    task_two.await?;
    Ok(())
}
