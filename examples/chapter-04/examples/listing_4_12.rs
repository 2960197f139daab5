//! Listing 4.12: `asyncio.wait` returning at the first exception (`FIRST_EXCEPTION`), and the
//! pending tasks cancelled.
//!
//! The Rust twin of `chapter_04/listing_4_12.py`. A bad request fails at once; the two good
//! ones would start only after 3 s. `wait` returns with the failure done and the two still
//! pending, which are then cancelled.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_12
//! ```
//!
//! Expected output (0 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "python://bad.com", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 3)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 3)
//! finished fetch_status in 0.0000 second(s)
//! Done task count: 1
//! Pending task count: 2
//! finished main in 0.0000 second(s)
//! finished fetch_status in 0.0000 second(s)
//! finished fetch_status in 0.0000 second(s)
//! ```
//! and on stderr the logged failure, `ERROR ... Request got an exception`. The two last lines
//! are the cancelled tasks' `finally`: they run once `main` has returned, as in asyncio, where
//! a cancelled task runs its clean-up at its next turn.
//!
//! Where Rust differs: `FIRST_EXCEPTION` is a `join_next` loop that stops at the first `Err`;
//! `pending_task.cancel()` is `JoinSet::abort_all` (dropping the set would do the same).

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::task::JoinSet;
use web_client::Client;

/// Listing 4.12: wait until the first exception, then cancel the rest
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
    let url = site.url("/");
    let mut fetchers = JoinSet::new();
    fetchers.spawn(fetch_status(
        session.clone(),
        "python://bad.com".to_owned(),
        0,
    ));
    fetchers.spawn(fetch_status(session.clone(), url.to_owned(), 3));
    fetchers.spawn(fetch_status(session.clone(), url.to_owned(), 3));

    // `return_when=FIRST_EXCEPTION`: until a task fails, or none is left.
    let mut done = Vec::new();
    while let Some(finished) = fetchers.join_next().await {
        let failed = finished.as_ref().is_ok_and(|result| result.is_err());
        done.push(finished?);
        if failed {
            break;
        }
    }
    println!("Done task count: {}", done.len());
    println!("Pending task count: {}", fetchers.len());
    for done_task in done {
        match done_task {
            Ok(status) => println!("{status}"),
            Err(error) => tracing::error!(%error, "Request got an exception"),
        }
    }
    fetchers.abort_all();
    Ok(())
}
