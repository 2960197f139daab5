//! Listing 4.9: `as_completed` with a timeout, and the tasks that outlive it.
//!
//! The Rust twin of `chapter_04/listing_4_9.py`. Three requests start after 1, 10 and 10 s;
//! `as_completed(timeout=2)` gives the first result, then a timeout error for each of the two
//! still running. They are not cancelled: the last loop lists the tasks still alive.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_9
//! ```
//! The local stand-in answers after 0.5 s (`--latency`); `--url` names a real site.
//!
//! Expected output (2 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 1)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 10)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 10)
//! finished fetch_status in 1.5000 second(s)
//! 200
//! We got a timeout error!
//! We got a timeout error!
//! still running: fetch_status
//! still running: fetch_status
//! finished main in 2.0000 second(s)
//! finished fetch_status in 2.0000 second(s)
//! finished fetch_status in 2.0000 second(s)
//! ```
//! The last two lines come when the program ends and the runtime drops the two tasks, which
//! is when asyncio cancels them too.
//!
//! Where Rust differs:
//! - As `as_completed` does, each request runs as a task (`tokio::spawn`); the stream of their
//!   handles is a `FuturesUnordered`, and the timeout is one deadline for the whole loop
//!   (`tokio::time::timeout_at`).
//! - Python prints each task of `asyncio.all_tasks()` as
//!   `<Task pending name='Task-3' coro=<fetch_status() ...>>`. tokio's stable API lists no tasks;
//!   `util::tasks::all()` does, on util's runtime, and we print the ones named after the
//!   function they run. It leaves out the main task, which tokio does not run as a task, and the
//!   connection tasks of the stand-in and of hyper, which aiohttp does not have.

use std::time::Duration;

use chapter_04::fetch_status;
use clap::Parser;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use internet::Internet;
use serve::StandInArgs;
use tokio::time::{Instant, timeout_at};
use web_client::Client;

/// Listing 4.9: as_completed with a 2 s timeout
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;

    let session = Client::new();
    let url = site.url("/");
    let mut fetchers: FuturesUnordered<_> = [1, 10, 10]
        .into_iter()
        .map(|delay| tokio::spawn(fetch_status(session.clone(), url.to_owned(), delay)))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match timeout_at(deadline, fetchers.next()).await {
            Ok(Some(done_task)) => println!("{}", done_task??),
            Ok(None) => break,
            Err(_) => {
                for _ in 0..fetchers.len() {
                    println!("We got a timeout error!");
                }
                break;
            }
        }
    }
    // Dropping the handles detaches the tasks: they keep running, as in the book.
    drop(fetchers);

    for task in util::tasks::all() {
        if let Some(name) = task.name {
            println!("still running: {name}");
        }
    }
    Ok(())
}
