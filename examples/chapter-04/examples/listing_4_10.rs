//! Listing 4.10: `asyncio.wait` for every task (`ALL_COMPLETED`).
//!
//! The Rust twin of `chapter_04/listing_4_10.py`. Two request tasks; `wait` returns when both
//! are done, with the done and pending sets; then each done task's result is read.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_10
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (0.5 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! finished fetch_status in 0.5000 second(s)
//! finished fetch_status in 0.5010 second(s)
//! Done task count: 2
//! Pending task count: 0
//! 200
//! 200
//! finished main in 0.5010 second(s)
//! ```
//!
//! Where Rust differs: `asyncio.wait` hands back sets of tasks; a `JoinSet` hands back each
//! task's *result* as it finishes (`join_next`), so "done" is the results gathered so far and
//! "pending" is what is left in the set. The in-depth article's `deep_4_2_1_wait_all_completed`
//! is the same construct.

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::task::JoinSet;
use web_client::Client;

/// Listing 4.10: wait for all of two request tasks
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;

    let session = Client::new();
    let mut fetchers = JoinSet::new();
    for _ in 0..2 {
        fetchers.spawn(fetch_status(session.clone(), site.url("/"), 0));
    }
    // `done, pending = await asyncio.wait(fetchers)`
    let mut done = Vec::new();
    while let Some(finished) = fetchers.join_next().await {
        done.push(finished?);
    }
    println!("Done task count: {}", done.len());
    println!("Pending task count: {}", fetchers.len());
    for result in done {
        println!("{}", result?);
    }
    Ok(())
}
