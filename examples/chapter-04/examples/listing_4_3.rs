//! Listing 4.3: a request timeout that fires.
//!
//! The Rust twin of `chapter_04/listing_4_3.py`. The session allows 1 s per request (0.1 s to
//! connect); this one request allows itself 10 ms, less than the site needs, so it fails with
//! a timeout, which ends the program.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_3
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (0.01 s): nothing on stdout.
//! ```text
//! ```
//! Expected stderr, and exit status 1, where Python prints the `asyncio.TimeoutError`
//! traceback:
//! ```text
//! Error: GET http://127.0.0.1:[..]/: no answer within 10ms
//! ```
//!
//! Where Rust differs: aiohttp's `ClientTimeout` is two things here: the session's limits,
//! given when the client is built (`Client::with_timeouts(connect, total)`), and a timeout for
//! one call, `tokio::time::timeout`, which works around any future. When it fires, the request
//! future is dropped: that is how it is cancelled.

use std::time::Duration;

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use web_client::Client;

/// Listing 4.3: a 10 ms timeout on a request that takes longer
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

async fn fetch_status(session: &Client, url: &str) -> Result<u16, String> {
    let ten_millis = Duration::from_millis(10);
    let request = tokio::time::timeout(ten_millis, session.get_status(url));
    match request.await {
        Ok(status) => Ok(status.map_err(|error| error.to_string())?.as_u16()),
        Err(_) => Err(format!("GET {url}: no answer within {ten_millis:?}")),
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;

    // `aiohttp.ClientTimeout(total=1, connect=.1)` for the whole session.
    let session = Client::with_timeouts(Duration::from_millis(100), Duration::from_secs(1));
    fetch_status(&session, &site.url("/")).await?;
    Ok(())
}
