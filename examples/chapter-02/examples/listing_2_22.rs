//! Listing 2.22: scheduling a plain function on the running loop, `call_soon`.
//!
//! The Rust twin of `chapter_02/listing_2_22.py`. `main` asks the running runtime to call
//! `call_later` soon, then awaits a 1-second `delay`; the function runs as soon as `main`
//! yields.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_22
//! ```
//!
//! Expected output (1 s):
//! ```text
//! sleeping for 1 second(s)
//! I'm being called in the future!
//! finished sleeping for 1 second(s)
//! ```
//!
//! The book's listing uses `delay` without `from util import delay`, so as printed it fails
//! with a `NameError`. With the import, it prints the lines above: `delay` is awaited directly,
//! so its first line comes before the callback, which waits for `main` to yield.
//!
//! `asyncio.get_running_loop()` is `tokio::runtime::Handle::current()` (or `try_current()`,
//! which returns an error outside a runtime, like `get_running_loop` raises). Tokio schedules
//! futures, not callbacks, so `call_soon(f)` is spawning a tiny task whose only job is to call
//! `f`. A `Handle` can be cloned and used from other threads too, which is what asyncio's
//! `call_soon_threadsafe` is for.

use util::delay;

fn call_later() {
    println!("I'm being called in the future!");
}

#[util::main]
async fn main() {
    let runtime = tokio::runtime::Handle::current();
    // The handle is dropped at once: the task runs on, detached, as a callback would.
    runtime.spawn(async { call_later() });
    delay(1).await;
}
