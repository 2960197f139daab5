//! Listing 4.2: one GET with an HTTP session, timed.
//!
//! The Rust twin of `chapter_04/listing_4_2.py`. A session (`aiohttp.ClientSession`, a pool of
//! connections) makes one request; `#[async_timed]` prints when each call starts and ends.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_2
//! cargo run --example listing_4_2 -- --url http://example.com/
//! ```
//! The book fetches `https://www.example.com`; the example fetches a local stand-in
//! (`crates/internet`) on its own runtime, which answers after 0.5 s (`--latency`), unless
//! `--url` names a real site.
//!
//! Expected output (0.5 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/")
//! finished fetch_status in 0.5[..] second(s)
//! Status for http://127.0.0.1:[..]/ was 200
//! finished main in 0.5[..] second(s)
//! ```
//!
//! Where Rust differs: `aiohttp.ClientSession` is `web_client::Client`, hyper's pooled client;
//! there is no `async with`, because the pool closes its connections when the last clone of
//! the client is dropped. The arguments print as Rust's `Debug` (Python shows
//! `<aiohttp.client.ClientSession object at 0x...>`).

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use web_client::{Client, ClientError};

/// Listing 4.2: one timed GET
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::async_timed]
async fn fetch_status(session: &Client, url: &str) -> Result<u16, ClientError> {
    Ok(session.get_status(url).await?.as_u16())
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;

    let session = Client::new();
    let url = site.url("/");
    let status = fetch_status(&session, &url).await?;
    println!("Status for {url} was {status}");
    Ok(())
}
