//! Listing 4.13: `asyncio.wait` returning at the first result (`FIRST_COMPLETED`).
//!
//! The Rust twin of `chapter_04/listing_4_13.py`. Three equal requests; `wait` returns as soon
//! as one is done, with the other two pending.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_13
//! ```
//! The local stand-in answers after 0.5 s (`--latency`), each answer a millisecond after the
//! one before, as on a real network; `--url` names a real site.
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
//! finished main in 0.5000 second(s)
//! finished fetch_status in 0.5000 second(s)
//! finished fetch_status in 0.5000 second(s)
//! ```
//! The two last lines are the pending tasks, dropped when the program ends (asyncio cancels
//! them at the end of `asyncio.run`). On a busy machine the second answer, a millisecond
//! behind the first, is now and then in by the time `wait` returns, and the counts read 2 and
//! 1: `FIRST_COMPLETED` returns all that is done by then, in Python as here.
//!
//! Where Rust differs: `FIRST_COMPLETED` is one `join_next()`; what is left in the `JoinSet` is
//! the pending set. See also `deep_4_2_1_wait_first_completed`.

use chapter_04::fetch_status;
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::task::JoinSet;
use web_client::Client;

/// Listing 4.13: wait for the first of three requests
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
    let mut fetchers = JoinSet::new();
    for _ in 0..3 {
        fetchers.spawn(fetch_status(session.clone(), site.url("/"), 0));
    }
    // `return_when=FIRST_COMPLETED`: the first to finish, with any that finished with it.
    let mut done: Vec<_> = fetchers.join_next().await.into_iter().collect();
    while let Some(finished) = fetchers.try_join_next() {
        done.push(finished);
    }
    println!("Done task count: {}", done.len());
    println!("Pending task count: {}", fetchers.len());
    for done_task in done {
        println!("{}", done_task??);
    }
    // Leaving `main` drops the set, and with it the pending tasks.
    Ok(())
}
