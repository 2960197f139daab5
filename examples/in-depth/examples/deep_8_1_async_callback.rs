//! Section 8.1: the async callback pattern: bridging a callback-style API into `.await`.
//!
//! The article's third pattern: older libraries report results through callbacks, and async
//! code wants to `await` them. The bridge is a one-shot future that the callback completes; in
//! Python, `fut = loop.create_future()`, pass `fut.set_result` as the callback (through
//! `loop.call_soon_threadsafe` if the library calls back from its own thread), then
//! `await fut`. Here a callback-style `legacy_fetch` (1 s and 2 s) is awaited twice at once,
//! and a library that calls back from its own thread is awaited too.
//!
//! Run with:
//! ```text
//! cargo run --example deep_8_1_async_callback
//! ```
//!
//! Expected output (2 s):
//! ```text
//! legacy_fetch called back for /a
//! legacy_fetch called back for /b
//! awaited both after 2 s: ["body of /a", "body of /b"]
//! checksum from the library's own thread: 1532
//! ```
//!
//! Where Rust differs:
//! - The bridge is a `oneshot` channel: the callback owns the sender, the async side awaits the
//!   receiver. If the library drops the callback without calling it, the `await` gets an error
//!   instead of hanging forever, which a bare asyncio future would do.
//! - A oneshot sender is safe to use from any thread, so a callback from a foreign thread
//!   needs no `call_soon_threadsafe`: sending wakes the waiting task on its own runtime.

use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A callback-style API, as an older library would offer: it starts the work and later calls
/// `on_done` with the result.
fn legacy_fetch(path: &str, seconds: u64, on_done: impl FnOnce(String) + Send + 'static) {
    let path = path.to_string();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        println!("legacy_fetch called back for {path}");
        on_done(format!("body of {path}"));
    });
}

/// A library that computes on a thread of its own and calls back from there.
fn legacy_checksum(data: Vec<u8>, on_done: impl FnOnce(u32) + Send + 'static) {
    std::thread::spawn(move || on_done(data.iter().map(|&b| u32::from(b)).sum()));
}

/// The bridge: the same call, as something to await.
async fn fetch(path: &str, seconds: u64) -> Result<String, BoxError> {
    let (tx, rx) = oneshot::channel();
    legacy_fetch(path, seconds, move |body| {
        // The receiver is gone only if the awaiting side was cancelled; nothing to do then.
        let _ = tx.send(body);
    });
    Ok(rx.await?)
}

async fn checksum(data: Vec<u8>) -> Result<u32, BoxError> {
    let (tx, rx) = oneshot::channel();
    legacy_checksum(data, move |sum| {
        let _ = tx.send(sum);
    });
    Ok(rx.await?)
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();
    let (a, b) = tokio::try_join!(fetch("/a", 1), fetch("/b", 2))?;
    println!(
        "awaited both after {} s: {:?}",
        started.elapsed().as_secs(),
        [a, b]
    );
    let sum = checksum(b"asyncio in rust!".to_vec()).await?;
    println!("checksum from the library's own thread: {sum}");
    Ok(())
}
