//! Listing 4.15: `asyncio.wait` with a timeout.
//!
//! The Rust twin of `chapter_04/listing_4_15.py`. Two quick requests and one that starts after
//! 3 s; `wait(timeout=1)` returns after 1 s with the two quick ones done and the slow one
//! pending, which it leaves running.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_15
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (1 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 3)
//! finished fetch_status in 0.5000 second(s)
//! finished fetch_status in 0.5010 second(s)
//! Done task count: 2
//! Pending task count: 1
//! 200
//! 200
//! finished main in 1.0000 second(s)
//! finished fetch_status in 1.0000 second(s)
//! ```
//! The last line is the slow task, dropped when the program ends.
//!
//! Where Rust differs: the timeout is a deadline for the whole `join_next` loop
//! (`tokio::time::timeout_at`); when it passes, the tasks left in the `JoinSet` are the
//! pending ones. See also `deep_4_2_1_wait_timeout`.

use std::time::Duration;

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout_at};
use web_client::Client;

/// Listing 4.15: wait for three requests, for at most 1 s
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
    let url = site.url("/");
    let mut fetchers = JoinSet::new();
    for delay in [0, 0, 3] {
        fetchers.spawn(fetch_status(session.clone(), url.to_owned(), delay));
    }
    // `done, pending = await asyncio.wait(fetchers, timeout=1)`
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut done = Vec::new();
    while let Ok(Some(finished)) = timeout_at(deadline, fetchers.join_next()).await {
        done.push(finished?);
    }
    println!("Done task count: {}", done.len());
    println!("Pending task count: {}", fetchers.len());
    for result in done {
        println!("{}", result?);
    }
    Ok(())
}
