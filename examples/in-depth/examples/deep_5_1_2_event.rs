//! Section 5.1.2: Event, the starting flare
//!
//! The Rust twin of the article's `asyncio.Event` example (its listing is a picture; this is
//! the program its text describes). Three runners wait for the flare; when it goes up, all
//! of them start at once. The flag stays up until `clear()`, after which a late runner waits
//! for the next flare.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_1_2_event
//! ```
//!
//! Expected output (2 s):
//! ```text
//! runner 1 waits for the flare
//! runner 2 waits for the flare
//! runner 3 waits for the flare
//! is_set: false
//! the flare goes up
//! is_set: true
//! runner 1 starts
//! runner 2 starts
//! runner 3 starts
//! is_set after clear: false
//! runner 4 waits for the flare
//! the flare goes up
//! runner 4 starts
//! ```
//!
//! Where Rust differs: tokio has no event with `clear()`, so this uses
//! `asyncio_blocks::Event` (a one-shot channel per waiter underneath; see its docs for why
//! `Notify` and a bare `watch<bool>` are not enough). `tokio::sync::Notify` is the type people reach for and it
//! is not an event: it has no flag to read or clear. For a flag that is only ever set once,
//! `tokio_util::sync::CancellationToken` is the ready-made choice.

use std::sync::Arc;
use std::time::Duration;

use asyncio_blocks::Event;
use tokio::time::sleep;

async fn runner(number: u32, flare: Arc<Event>) {
    println!("runner {number} waits for the flare");
    flare.wait().await;
    println!("runner {number} starts");
}

async fn fire(flare: &Event) {
    sleep(Duration::from_secs(1)).await;
    println!("the flare goes up");
    flare.set();
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let flare = Arc::new(Event::new());
    let runners: Vec<_> = (1..=3)
        .map(|n| tokio::spawn(runner(n, Arc::clone(&flare))))
        .collect();
    tokio::task::yield_now().await;
    println!("is_set: {}", flare.is_set());

    fire(&flare).await;
    println!("is_set: {}", flare.is_set());
    for r in runners {
        r.await?;
    }

    flare.clear();
    println!("is_set after clear: {}", flare.is_set());
    let late = tokio::spawn(runner(4, Arc::clone(&flare)));
    fire(&flare).await;
    late.await?;
    Ok(())
}
