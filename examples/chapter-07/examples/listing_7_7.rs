//! Listing 7.7: a thousand blocking GETs through `asyncio.to_thread`.
//!
//! The Rust twin of `chapter_07/listing_7_7.py`: `asyncio.to_thread(get_status_code, url)`, which
//! runs the call in the default executor. Its twin is `spawn_blocking` too, as in Listing 7.6,
//! whose pool grows to 512 threads where Python's has `min(32, CPUs + 4)`: so the thousand
//! requests all wait at once and take about the stand-in's 0.5 s and its stagger, where
//! Python's go six at a time.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_7
//! ```
//!
//! Expected output:
//! ```text
//! starting main with args ()
//! [200, 200, [..], 200]
//! finished main in [..] second(s)
//! ```
//!
//! Where Rust differs: `to_thread` also copies the task's context variables into the thread;
//! tokio has none to copy (a `task_local!` stays with its task). The pool size is as in 7.6.

use chapter_07::requests::{get_status_code, open_files_for};
use clap::Parser;
use futures::future::try_join_all;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.7: blocking GETs through to_thread
#[derive(Parser)]
struct Args {
    /// How many requests (the book's 1,000)
    #[arg(long, default_value_t = 1000)]
    requests: usize,
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    open_files_for(args.requests, args.site.given().is_none())?;
    let site = args.site.start_on_thread()?;
    let urls = vec![site.url("/"); args.requests];
    let tasks = urls
        .into_iter()
        .map(|url| tokio::task::spawn_blocking(move || get_status_code(&url)));
    let results = try_join_all(tasks).await?;
    let results: Vec<u16> = results.into_iter().collect::<Result<_, _>>()?;
    println!("{results:?}");
    Ok(())
}
