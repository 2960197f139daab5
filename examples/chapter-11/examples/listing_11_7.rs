//! Listing 11.7: a semaphore limits a thousand requests to ten at a time.
//!
//! The Rust twin of `chapter_11/listing_11_7.py`. A thousand request tasks start at once; each
//! waits for one of the semaphore's ten permits, so at most ten requests are ever in flight,
//! and they go out in waves of ten.
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_7 -- --requests 3 --limit 2
//! cargo run --example listing_11_7                # the book's 1,000 requests, 10 at a time
//! ```
//! The book fetches `https://www.example.com`; the example fetches a local stand-in
//! (`crates/internet`) that answers after 0.5 s (`--latency`), unless `--url` names a real site.
//!
//! Expected output of the first command (1.001 s): two requests go out, the third waits for a
//! permit:
//! ```text
//! Waiting to acquire semaphore...
//! Acquired semaphore, requesting...
//! Waiting to acquire semaphore...
//! Acquired semaphore, requesting...
//! Waiting to acquire semaphore...
//! Finished requesting
//! Acquired semaphore, requesting...
//! Finished requesting
//! Finished requesting
//! ```
//! With the defaults, ten requests go out at a time and the run takes about 50 s: a hundred
//! waves of 0.5 s.
//!
//! Where Rust differs: the permit is a guard, so "release" cannot be forgotten: it happens when
//! `_permit` goes out of scope, after the request, whatever the request returned.

use clap::Parser;
use futures::future::try_join_all;
use internet::Internet;
use serve::StandInArgs;
use tokio::sync::Semaphore;
use web_client::{Client, ClientError};

/// Listing 11.7: a thousand GETs, ten at a time
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
    /// How many requests (the book's 1,000)
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = util::cli::at_least_one)]
    requests: usize,
    /// How many requests may be in flight at once (the book's 10)
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = util::cli::at_least_one)]
    limit: usize,
}

async fn get_url(url: &str, session: &Client, semaphore: &Semaphore) -> Result<u16, ClientError> {
    println!("Waiting to acquire semaphore...");
    let _permit = semaphore
        .acquire()
        .await
        .expect("the semaphore is never closed");
    println!("Acquired semaphore, requesting...");
    let status = session.get_status(url).await?;
    println!("Finished requesting");
    Ok(status.as_u16())
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;

    let semaphore = Semaphore::new(args.limit);
    let session = Client::new();
    let url = site.url("/");
    let tasks = (0..args.requests).map(|_| get_url(&url, &session, &semaphore));
    try_join_all(tasks).await?;
    Ok(())
}
