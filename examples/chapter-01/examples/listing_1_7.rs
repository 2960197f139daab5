//! Listing 1.7: two blocking GETs, one after the other.
//!
//! The Rust twin of `chapter_01/listing_1_7.py`: I/O-bound code, waiting on the network twice.
//! The baseline for Listing 1.8, which makes the two requests in two threads.
//!
//! Run with:
//! ```text
//! cargo run --example listing_1_7
//! cargo run --example listing_1_7 -- --latency 1      # a slower site
//! ```
//! The book fetches `https://www.example.com`; the example fetches a local stand-in
//! (`crates/internet`) that answers after 0.5 s (`--latency`), unless `--url` names a real
//! site.
//!
//! Expected output (1 s), twice the latency:
//! ```text
//! 200
//! 200
//! Running synchronously took [..] seconds.
//! ```
//!
//! Where Rust differs: nothing but names. `requests.get` is `ureq::get(...).call()`, a blocking
//! client that keeps the thread until the answer is in.

use std::time::Instant;

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;

/// Listing 1.7: two blocking GETs in sequence
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

fn read_example(url: &str) -> Result<(), String> {
    let response = ureq::get(url)
        .call()
        .map_err(|error| format!("GET {url}: {error}"))?;
    println!("{}", response.status().as_u16());
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start_on_thread()?;
    let url = site.url("/");
    let sync_start = Instant::now();

    read_example(&url)?;
    read_example(&url)?;

    println!(
        "Running synchronously took {:.4} seconds.",
        sync_start.elapsed().as_secs_f64()
    );
    Ok(())
}
