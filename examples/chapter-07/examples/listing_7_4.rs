//! Listing 7.4: a thousand blocking GETs in a pool of a thousand threads.
//!
//! The Rust twin of `chapter_07/listing_7_4.py`. `ThreadPoolExecutor(max_workers=1000)` and
//! its `map`: each request blocks a thread of its own, so the thousand wait together and the
//! whole takes about one request's time, not a thousand. Against the local stand-in (0.5 s a
//! request, `--latency`; it spaces simultaneous answers by a millisecond, so the last of a
//! thousand comes about a second later), unless `--url` names a real site.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_4
//! cargo run --example listing_7_4 -- --requests 100
//! ```
//!
//! Expected output: a thousand `200` lines, then the time, about 2.5 s here:
//! ```text
//! 200
//! ...
//! 200
//! finished requests in [..] second(s)
//! ```
//!
//! Where Rust differs: the executor is `chapter_07::executor::ThreadPoolExecutor`; its `map`
//! gives the results in order, as Python's does. A thread costs a few tens of kilobytes of
//! memory until it first runs deep (its stack is reserved, not used), so a thousand are fine on
//! Linux, in Rust as in Python. A thousand connections at once need about 2,000 open files with
//! the stand-in in the same process: the example raises its limit, or says why it cannot.

use std::time::Instant;

use chapter_07::executor::ThreadPoolExecutor;
use chapter_07::requests::{get_status_code, open_files_for};
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.4: a thousand blocking GETs in a thread pool
#[derive(Parser)]
struct Args {
    /// How many requests (the book's 1,000), and threads
    #[arg(long, default_value_t = 1000)]
    requests: usize,
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    open_files_for(args.requests, args.site.given().is_none())?;
    let site = args.site.start_on_thread()?;
    let start = Instant::now();

    let pool = ThreadPoolExecutor::new(1000.min(args.requests))?;
    let urls = vec![site.url("/"); args.requests];
    let results = pool.map(|url: String| get_status_code(&url), urls);
    for result in results {
        println!("{}", result.map_err(|_| "a request's thread panicked")??);
    }
    drop(pool);

    let end = start.elapsed();
    println!("finished requests in {:.4} second(s)", end.as_secs_f64());
    Ok(())
}
