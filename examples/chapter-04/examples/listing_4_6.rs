//! Listing 4.6: a thousand requests at once with `gather`.
//!
//! The Rust twin of `chapter_04/listing_4_6.py`. A thousand `fetch_status` calls are started
//! together and gathered: they all wait on the network at the same time, so the whole takes
//! about as long as one request, not a thousand.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_6 -- --requests 3
//! cargo run --example listing_4_6                    # the book's 1,000 requests
//! ```
//! The local stand-in answers after 0.5 s (`--latency`), each answer 1 ms after the one
//! before, as no two answers of a real network arrive at once; `--url` names a
//! real site.
//!
//! Expected output of the first command (0.502 s); the book's run prints a thousand of each
//! line:
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! finished fetch_status in [..] second(s)
//! finished fetch_status in [..] second(s)
//! finished fetch_status in [..] second(s)
//! [200, 200, 200]
//! finished main in [..] second(s)
//! ```
//! A thousand take 1.5 s: the latency, and the stand-in's millisecond between answers, where
//! one after the other they would take 500 s.
//!
//! Where Rust differs: `asyncio.gather(*requests)` is `futures::future::try_join_all`, which
//! polls the futures inside the current task (gather would wrap each in a task: the timing is
//! the same) and stops at the first error. Each request opens a connection of its own: hyper's
//! pool has no limit, where aiohttp's session holds at most 100 at once.

use chapter_04::fetch_status;
use clap::Parser;
use futures::future::try_join_all;
use internet::Internet;
use serve::StandInArgs;
use web_client::Client;

/// Listing 4.6: gather a thousand GETs
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
    /// How many requests (the book's 1,000)
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = util::cli::at_least_one)]
    requests: usize,
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    // Two file descriptors a request, the client's and the stand-in's, in this one process.
    serve::raise_open_file_limit();
    let site = args.site.start()?;

    let session = Client::new();
    let urls = vec![site.url("/"); args.requests];
    let requests = urls
        .into_iter()
        .map(|url| fetch_status(session.clone(), url, 0));
    let status_codes = try_join_all(requests).await?;
    println!("{status_codes:?}");
    Ok(())
}
