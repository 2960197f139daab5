//! Listing 4.14: `wait(FIRST_COMPLETED)` in a loop, handling each result as it comes.
//!
//! The Rust twin of `chapter_04/listing_4_14.py`. Three requests; each round of the loop waits
//! for the next one to finish and prints it, until none is pending.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_14
//! ```
//! The local stand-in answers after 0.5 s (`--latency`), each answer a millisecond after the
//! one before, so each round gets one; `--url` names a real site.
//!
//! Expected output (0.5 s):
//! ```text
//! starting main with args ()
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! starting fetch_status with args (Client { .. }, "http://127.0.0.1:[..]/", 0)
//! finished fetch_status in 0.5000 second(s)
//! Done task count: 1
//! Pending task count: 2
//! 200
//! finished fetch_status in 0.5010 second(s)
//! Done task count: 1
//! Pending task count: 1
//! 200
//! finished fetch_status in 0.5020 second(s)
//! Done task count: 1
//! Pending task count: 0
//! 200
//! finished main in 0.5020 second(s)
//! ```
//!
//! Where Rust differs: `while pending: done, pending = await wait(...)` is `while let Some(..)
//! = join_next().await`, plus `try_join_next` for the tasks that finished at the same time as
//! the first: the set is the pending tasks.

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::task::JoinSet;
use web_client::Client;

/// Listing 4.14: handle each of three requests as it finishes
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
    let mut pending = JoinSet::new();
    for _ in 0..3 {
        pending.spawn(fetch_status(session.clone(), site.url("/"), 0));
    }
    while let Some(first) = pending.join_next().await {
        // This round's done tasks: the first to finish, with any that finished with it.
        let mut done = vec![first];
        while let Some(finished) = pending.try_join_next() {
            done.push(finished);
        }
        println!("Done task count: {}", done.len());
        println!("Pending task count: {}", pending.len());
        for done_task in done {
            println!("{}", done_task??);
        }
    }
    Ok(())
}
