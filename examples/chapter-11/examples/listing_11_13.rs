//! Listing 11.13: an event set every second, and workers too busy to see most of them.
//!
//! The Rust twin of `chapter_11/listing_11_13.py`. The trigger sets the event every second for
//! 5 s; the two workers take 5 s per job, so they miss the four triggers that come while they
//! work: setting an event that is already set does nothing, and nothing counts the sets.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_13
//! ```
//!
//! Expected output (5 s):
//! ```text
//! Waiting for event...
//! Waiting for event...
//! Triggering event!
//! Performing work!
//! Performing work!
//! Triggering event!
//! Triggering event!
//! Triggering event!
//! Triggering event!
//! Finished work!
//! Waiting for event...
//! Performing work!
//! Finished work!
//! Waiting for event...
//! ```
//!
//! Where Rust differs: `asyncio.wait_for(trigger, 5.0)` inside a `gather` that fails with
//! `TimeoutError` is a race between the trigger and a 5 s sleep (see `wait_for` below for why
//! not `tokio::time::timeout`) inside a `try_join!`, which returns at the first `Err`; the
//! workers, which never end, are dropped with it, as asyncio cancels them when `asyncio.run`
//! ends.

use std::time::Duration;

use asyncio_blocks::Event;
use tokio::time::sleep;

async fn trigger_event_periodically(event: &Event) {
    loop {
        println!("Triggering event!");
        event.set();
        sleep(Duration::from_secs(1)).await;
    }
}

async fn do_work_on_event(event: &Event) -> Result<(), TimeoutError> {
    loop {
        println!("Waiting for event...");
        event.wait().await;
        event.clear();
        println!("Performing work!");
        sleep(Duration::from_secs(5)).await;
        println!("Finished work!");
    }
}

/// `asyncio.wait_for(trigger, 5.0)`. At 5 s the trigger's own one-second sleep ends in the same
/// instant as the time-out. asyncio scheduled the time-out first, at the start, so it fires
/// first and the trigger never prints again; `tokio::time::timeout` would poll the trigger
/// first. `biased` polls the deadline first, for asyncio's order.
async fn wait_for(seconds: u64, trigger: impl Future<Output = ()>) -> Result<(), TimeoutError> {
    tokio::select! {
        biased;
        () = sleep(Duration::from_secs(seconds)) => Err(TimeoutError),
        () = trigger => Ok(()),
    }
}

/// `asyncio.TimeoutError`.
#[derive(Debug)]
struct TimeoutError;

#[util::main]
async fn main() {
    let event = Event::new();
    let trigger = wait_for(5, trigger_event_periodically(&event));
    // `with suppress(asyncio.TimeoutError):` the time-out is how the program ends.
    let _ = tokio::try_join!(do_work_on_event(&event), do_work_on_event(&event), trigger);
}
