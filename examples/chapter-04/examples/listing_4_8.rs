//! Listing 4.8: `as_completed`: each result as soon as it is there.
//!
//! The Rust twin of `chapter_04/listing_4_8.py`. Three requests, two that start after 1 s and
//! one after 10 s; the results are printed in the order they finish, the first two after
//! about 1.5 s, the last after 10.5 s. (The stand-in answers each request a little after the
//! one before, as a real network would; tokio's timers count whole milliseconds.)
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_8
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (10.5 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 1)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 1)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 10)
//! finished fetch_status in 1.5000 second(s)
//! 200
//! finished fetch_status in 1.5010 second(s)
//! 200
//! finished fetch_status in 10.5000 second(s)
//! 200
//! finished main in 10.5000 second(s)
//! ```
//!
//! Where Rust differs: `asyncio.as_completed(aws)` is a `FuturesUnordered` of the futures, a
//! stream that yields each output as it completes: `while let Some(result) =
//! fetchers.next().await`.

use chapter_04::fetch_status;
use clap::Parser;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use internet::Internet;
use serve::StandInArgs;
use web_client::Client;

/// Listing 4.8: print results in the order they finish
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
    let mut fetchers: FuturesUnordered<_> = [1, 1, 10]
        .into_iter()
        .map(|delay| fetch_status(session.clone(), url.to_owned(), delay))
        .collect();
    while let Some(finished_task) = fetchers.next().await {
        println!("{}", finished_task?);
    }
    Ok(())
}
