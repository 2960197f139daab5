//! Listing 2.19, fixed: CPU-bound work on the blocking thread pool.
//!
//! A companion to `listing_2_19` (the book's fix comes in chapter 6, with a process pool). The
//! count runs on a thread of tokio's blocking pool through `spawn_blocking`, so the runtime's
//! thread stays free: the 4-second delay starts at once, the two counts run in parallel on two
//! pool threads, and the program takes 4 seconds instead of 4 plus both counts.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_19_spawn_blocking
//! cargo run --example listing_2_19_spawn_blocking -- 1000000
//! ```
//!
//! The optional argument replaces the loop count, the book's 100000000 by default.
//!
//! Expected output (4 s):
//! ```text
//! starting main with args ()
//! starting cpu_bound_work with args ([..],)
//! starting cpu_bound_work with args ([..],)
//! sleeping for 4 second(s)
//! finished cpu_bound_work in [..] second(s)
//! finished cpu_bound_work in [..] second(s)
//! finished sleeping for 4 second(s)
//! finished main in 4.[..] second(s)
//! ```
//!
//! Compare with `listing_2_19`: now both counts and the delay start before any of them ends.
//! (With a count so large that one takes over 4 seconds, `finished sleeping` would come first.)
//!
//! Python has no cheap twin of this: because of the global interpreter lock, threads do not
//! make its counting loop faster, so the book reaches for processes. Rust threads run in
//! parallel, so the blocking pool (or rayon, for splitting one big computation) is the answer.
//! `spawn_blocking` returns a `JoinHandle` like `spawn`; awaiting it suspends the async task
//! without blocking the runtime. Unlike a task, a blocking job cannot be aborted once started.

use clap::Parser;
use tokio::task::JoinError;
use util::delay;

/// Listing 2.19, fixed: the counts run on the blocking pool, beside the delay
#[derive(Parser)]
struct Args {
    /// How far each count goes (the book's hundred million; count less to see the story sooner)
    #[arg(default_value_t = 100_000_000)]
    loops: u64,
}

/// The book's loop: count to `loops` one step at a time. `black_box` keeps
/// the optimiser from replacing the loop by its result, as it would in a release build.
fn count(loops: u64) -> u64 {
    let mut counter = 0;
    for _ in 0..loops {
        counter = std::hint::black_box(counter + 1);
    }
    counter
}

// New: the async function only waits for the blocking pool; the counting happens on a thread
// of its own.
#[util::async_timed]
async fn cpu_bound_work(loops: u64) -> Result<u64, JoinError> {
    tokio::task::spawn_blocking(move || count(loops)).await
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { loops } = Args::parse();

    let task_one = tokio::spawn(cpu_bound_work(loops));
    let task_two = tokio::spawn(cpu_bound_work(loops));
    let delay_task = tokio::spawn(delay(4));
    task_one.await??;
    task_two.await??;
    delay_task.await?;
    Ok(())
}
