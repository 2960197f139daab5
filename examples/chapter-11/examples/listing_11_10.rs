//! Listing 11.10: an event set by a callback five seconds later.
//!
//! The Rust twin of `chapter_11/listing_11_10.py`. Two workers wait on one event; `call_later`
//! sets it after 5 s, both wake, work for a second and finish.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_10
//! ```
//!
//! Expected output (6 s):
//! ```text
//! Waiting for event...
//! Waiting for event...
//! Performing work!
//! Performing work!
//! Finished work!
//! Finished work!
//! ```
//!
//! Where Rust differs: tokio has no event that can be cleared; `asyncio_blocks::Event` is one,
//! and `asyncio_blocks::call_later` is `loop.call_later`. The callback is a closure that owns a
//! handle to the event (an `Arc`), where the book binds it with `functools.partial`.

use std::sync::Arc;
use std::time::Duration;

use asyncio_blocks::{Event, call_later};

fn trigger_event(event: &Event) {
    event.set();
}

async fn do_work_on_event(event: &Event) {
    println!("Waiting for event...");
    event.wait().await;
    println!("Performing work!");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("Finished work!");
    event.clear();
}

#[util::main]
async fn main() {
    let event = Arc::new(Event::new());
    let trigger = Arc::clone(&event);
    let _handle = call_later(Duration::from_secs(5), move || trigger_event(&trigger));
    tokio::join!(do_work_on_event(&event), do_work_on_event(&event));
}
