//! Listing 7.6: a thousand blocking GETs in the default executor.
//!
//! The Rust twin of `chapter_07/listing_7_6.py`: `run_in_executor(None, ...)`, the loop's own
//! thread pool. tokio's is its pool of blocking threads, `spawn_blocking`, which grows to 512
//! threads where Python's default executor has `min(32, CPUs + 4)`: so here the thousand
//! requests all wait at once and the whole takes about the stand-in's 0.5 s and its stagger,
//! where Python's go six at a time.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_6
//! ```
//!
//! Expected output:
//! ```text
//! starting main with args ()
//! [200, 200, [..], 200]
//! finished main in [..] second(s)
//! ```
//!
//! Where Rust differs: the size of the default pool, above; `Builder::max_blocking_threads`
//! sets it. A `spawn_blocking` job cannot be cancelled once it runs, as a thread's cannot.

use chapter_07::requests::{get_status_code, open_files_for};
use clap::Parser;
use futures::future::try_join_all;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.6: blocking GETs in the default executor
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
