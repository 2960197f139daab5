//! Listing 7.8: blocking GETs in a thread pool, counted under a lock, with a progress reporter.
//!
//! The Rust twin of `chapter_07/listing_7_8.py`. Each thread adds one to a shared counter
//! under a lock when its request is done; a task on the event loop prints the count every half
//! second until all 200 are done. Python's default pool runs the requests six at a time here,
//! so the 200 take about 17 s at the stand-in's 0.5 s (`--latency` for another).
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_8
//! ```
//!
//! Expected output, the counts depending on the timing:
//! ```text
//! starting main with args ()
//! Finished 0/200 requests
//! ...
//! [200, 200, [..], 200]
//! finished main in [..] second(s)
//! ```
//!
//! Where Rust differs: `counter_lock` and the `global counter` are one value,
//! `static COUNTER: Mutex<usize>`: Rust's lock holds the data it guards, so the counter cannot
//! be touched without the lock. The reporter reads it under the lock too (Python reads the
//! global without it, which the GIL makes safe for one read).

use std::sync::Mutex;
use std::time::Duration;

use chapter_07::executor::ThreadPoolExecutor;
use chapter_07::requests;
use clap::Parser;
use futures::future::try_join_all;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.8: blocking GETs counted under a lock, with a progress reporter
#[derive(Parser)]
struct Args {
    /// How many requests (the book's 200)
    #[arg(long, default_value_t = 200)]
    requests: usize,
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

static COUNTER: Mutex<usize> = Mutex::new(0);

fn counter() -> usize {
    *COUNTER.lock().expect("no thread panics holding it")
}

fn get_status_code(url: &str) -> Result<u16, String> {
    let status = requests::get_status_code(url)?;
    *COUNTER.lock().expect("no thread panics holding it") += 1;
    Ok(status)
}

async fn reporter(request_count: usize) {
    while counter() < request_count {
        println!("Finished {}/{request_count} requests", counter());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    requests::open_files_for(args.requests, args.site.given().is_none())?;
    let site = args.site.start_on_thread()?;
    let pool = ThreadPoolExecutor::with_default_workers()?;
    let request_count = args.requests;
    let urls = vec![site.url("/"); request_count];
    let reporter_task = tokio::spawn(reporter(request_count));
    let tasks = urls
        .into_iter()
        .map(|url| pool.submit(move || get_status_code(&url)));
    // A failed request ends `main` at once, as `gather` raises: the reporter, which would
    // wait for a count that never comes, is not awaited then.
    let results = try_join_all(tasks).await?;
    let results: Vec<u16> = results.into_iter().collect::<Result<_, _>>()?;
    reporter_task.await?;
    println!("{results:?}");
    Ok(())
}
