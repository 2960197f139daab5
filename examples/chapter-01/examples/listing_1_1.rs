//! Listing 1.1: a blocking GET, its response headers written to a file.
//!
//! The Rust twin of `chapter_01/listing_1_1.py`, the chapter's picture of I/O-bound code: the
//! program sends a request and then does nothing but wait for the answer. `requests.get`
//! becomes `ureq::get(...).call()`, a blocking client; the headers go to `headers.txt`, one
//! `name: value` line each.
//!
//! Run with:
//! ```text
//! cargo run --example listing_1_1
//! cargo run --example listing_1_1 -- --output /tmp/headers.txt --url http://example.com/
//! ```
//! The book fetches `https://www.example.com`; we never leave the machine, so the example
//! fetches a local stand-in (`crates/internet`) started on a thread of its own, unless `--url`
//! names a real site (plain `http://`: this build has no TLS).
//!
//! Expected output, on stdout: nothing, as in the book.
//! ```text
//! ```
//! `headers.txt` then holds lines such as `content-type: text/html; charset=UTF-8`.
//!
//! Where Rust differs: header names come back lowercase (`content-type`), because the `http`
//! crate stores them so; HTTP header names are case-insensitive, and `requests` only keeps the
//! server's spelling.

use std::path::PathBuf;

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;

/// Listing 1.1: GET a page and write its response headers to a file
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
    /// Where to write the headers
    #[arg(long, value_name = "PATH", default_value = "headers.txt")]
    output: PathBuf,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start_on_thread()?;

    let url = site.url("/");
    let response = ureq::get(&url)
        .call()
        .map_err(|error| format!("GET {url}: {error}"))?;

    let headers: Vec<String> = response
        .headers()
        .iter()
        .map(|(key, header)| format!("{key}: {}", String::from_utf8_lossy(header.as_bytes())))
        .collect();
    let formatted_headers = headers.join("\n");

    std::fs::write(&args.output, formatted_headers)
        .map_err(|error| format!("cannot write {}: {error}", args.output.display()))?;
    Ok(())
}
