//! Listing 7.5: a thousand blocking GETs in a thread pool, awaited from the event loop.
//!
//! The Rust twin of `chapter_07/listing_7_5.py`. Each request goes to a thread of a
//! `ThreadPoolExecutor()` through `run_in_executor`; `gather` waits for them all while the loop
//! stays free. Python's default pool has `min(32, CPUs + 4)` threads, 6 on our 2-CPU machine,
//! so the requests go six at a time: a thousand at the stand-in's 0.5 s take some 85 s here.
//! `--latency 0.05` or `--requests 100` for a quicker look.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_5
//! cargo run --example listing_7_5 -- --requests 100
//! ```
//!
//! Expected output: the timed `main` around the list of a thousand statuses:
//! ```text
//! starting main with args ()
//! [200, 200, [..], 200]
//! finished main in [..] second(s)
//! ```
//!
//! Where Rust differs: `loop.run_in_executor(pool, partial(get_status_code, url))` is
//! `pool.submit(move || get_status_code(&url))`, whose result the task awaits; the closure
//! takes the place of `functools.partial`. The list prints as Python's does.

use chapter_07::executor::ThreadPoolExecutor;
use chapter_07::requests::{get_status_code, open_files_for};
use clap::Parser;
use futures::future::try_join_all;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.5: blocking GETs in a thread pool, awaited together
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
    let pool = ThreadPoolExecutor::with_default_workers()?;
    let urls = vec![site.url("/"); args.requests];
    let tasks = urls
        .into_iter()
        .map(|url| pool.submit(move || get_status_code(&url)));
    let results = try_join_all(tasks).await?;
    let results: Vec<u16> = results.into_iter().collect::<Result<_, _>>()?;
    println!("{results:?}");
    Ok(())
}
