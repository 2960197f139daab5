//! Listing 4.16: telling which request is too slow, and cancelling it.
//!
//! The Rust twin of `chapter_04/listing_4_16.py`, as the book meant it. Two requests, API A
//! quick and API B starting after 2 s; after waiting 1 s, the one still pending is API B,
//! which is cancelled.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_16
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (1 s):
//! ```text
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 2)
//! finished fetch_status in 0.5000 second(s)
//! API B too slow, cancelling
//! finished fetch_status in 1.0000 second(s)
//! ```
//!
//! Where Rust differs: the book's program prints nothing. It passes coroutines to
//! `asyncio.wait`, which wraps each in a new task, so `task is api_b` compares a task with a
//! coroutine and is never true (and Python 3.11 refuses coroutines there altogether, with a
//! `TypeError`). The lesson it meant holds when the tasks are made first: here `api_b` is the
//! task's handle, and the pending one is recognised by its task id.

use std::time::Duration;

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::time::sleep;
use web_client::Client;

/// Listing 4.16: wait 1 s for two requests and cancel the slow one
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;

    let session = Client::new();
    let url = site.url("/");
    let api_a = tokio::spawn(fetch_status(session.clone(), url.to_owned(), 0));
    let api_b = tokio::spawn(fetch_status(session.clone(), url.to_owned(), 2));

    // `done, pending = await asyncio.wait([api_a, api_b], timeout=1)`
    sleep(Duration::from_secs(1)).await;
    let pending = [&api_a, &api_b]
        .into_iter()
        .filter(|task| !task.is_finished());
    for task in pending {
        if task.id() == api_b.id() {
            println!("API B too slow, cancelling");
            task.abort();
        }
    }
    // The cancelled task's clean-up (its `finished` line) runs when the runtime next polls it.
    let _ = api_b.await;
    api_a.await??;
    Ok(())
}
