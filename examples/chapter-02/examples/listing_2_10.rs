//! Listing 2.10: running other code while tasks wait.
//!
//! The Rust twin of `chapter_02/listing_2_10.py`. Two 3-second delays run as tasks while `main`
//! itself prints a status line every second; everything is done after 3 seconds.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_10
//! ```
//!
//! Expected output (3 s):
//! ```text
//! sleeping for 3 second(s)
//! sleeping for 3 second(s)
//! I'm running other code while I'm waiting!
//! I'm running other code while I'm waiting!
//! finished sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! ```
//!
//! The book's listing leaves out the final `asyncio.run(main())`; its printed output is what the
//! program gives with that line added, and this example prints the same.
//!
//! `hello_every_second()` is awaited, not spawned, so it runs inside `main`'s task. At its first
//! `sleep` the whole task yields, and that is when the two spawned delays get their first turn.
//! On a multi-thread runtime the delays could start before `main` reaches that point, so their
//! `sleeping` lines would still come first, but not for the same reason.

use std::time::Duration;

use util::delay;

async fn hello_every_second() {
    for _ in 0..2 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("I'm running other code while I'm waiting!");
    }
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let first_delay = tokio::spawn(delay(3));
    let second_delay = tokio::spawn(delay(3));
    hello_every_second().await;
    first_delay.await?;
    second_delay.await?;
    Ok(())
}
