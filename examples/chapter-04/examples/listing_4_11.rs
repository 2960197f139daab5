//! Listing 4.11: `asyncio.wait` when one of the tasks fails.
//!
//! The Rust twin of `chapter_04/listing_4_11.py`. A good request and one to `python://bad`,
//! which fails at once. `wait` still returns both as done; the failure is logged with its
//! cause, the success printed.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_11
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (0.5 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "python://bad", 0)
//! finished fetch_status in 0.0000 second(s)
//! finished fetch_status in 0.5000 second(s)
//! Done task count: 2
//! Pending task count: 0
//! 200
//! finished main in 0.5000 second(s)
//! ```
//! and on stderr, where Python logs the exception with its traceback:
//! `ERROR ... Request got an exception error="python://bad" is not an http:// URL`.
//!
//! Where Rust differs: a task's exception is the `Err` of its result, so "if
//! `done_task.exception()` is None" is a `match` on the result. The failure is a value here: a
//! JoinSet holds it until it is asked for, as an asyncio task holds its exception.

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::task::JoinSet;
use web_client::Client;

/// Listing 4.11: wait for a good and a bad request
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    util::log_to_stderr("warn");
    let site = args.site.start()?;

    let session = Client::new();
    let good_request = fetch_status(session.clone(), site.url("/"), 0);
    let bad_request = fetch_status(session.clone(), "python://bad".to_owned(), 0);
    let mut fetchers = JoinSet::new();
    fetchers.spawn(good_request);
    fetchers.spawn(bad_request);

    let mut done = Vec::new();
    while let Some(finished) = fetchers.join_next().await {
        done.push(finished?);
    }
    println!("Done task count: {}", done.len());
    println!("Pending task count: {}", fetchers.len());
    for done_task in done {
        match done_task {
            Ok(status) => println!("{status}"),
            Err(error) => tracing::error!(%error, "Request got an exception"),
        }
    }
    Ok(())
}
