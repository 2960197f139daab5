//! Listing 7.3: two blocking GETs.
//!
//! The Rust twin of `chapter_07/listing_7_3.py`: `requests.get` twice, each blocking the thread
//! until its answer is in. The book fetches `https://www.example.com`; the example fetches a
//! local stand-in (`crates/internet`, on a thread of its own) that answers after 0.5 s
//! (`--latency`), unless `--url` names a real site.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_3
//! ```
//!
//! Expected output:
//! ```text
//! 200
//! 200
//! ```
//!
//! Where Rust differs: nothing but names. `requests.get(url).status_code` is
//! `ureq::get(url).call()?.status()` (`chapter_07::requests::get_status_code`).

use chapter_07::requests::get_status_code;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.3: two blocking GETs
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let site = Args::parse().site.start_on_thread()?;
    let url = site.url("/");
    println!("{}", get_status_code(&url)?);
    println!("{}", get_status_code(&url)?);
    Ok(())
}
