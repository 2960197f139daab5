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
//! starting cpu_bound_work with args ()
//! starting cpu_bound_work with args ()
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

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::task::JoinError;
use util::delay;

/// How far the count goes: the book's 100,000,000 unless the first argument says otherwise (the
/// tests count less, to stay fast).
static LOOPS: AtomicU64 = AtomicU64::new(util::workload::BOOK_LOOP_COUNT);

// New: the async function only waits for the blocking pool; the counting (the book's loop, in
// util) happens on a thread of its own.
#[util::async_timed]
async fn cpu_bound_work() -> Result<u64, JoinError> {
    tokio::task::spawn_blocking(|| util::workload::count(LOOPS.load(Ordering::Relaxed))).await
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    LOOPS.store(util::workload::loop_count()?, Ordering::Relaxed);

    let task_one = tokio::spawn(cpu_bound_work());
    let task_two = tokio::spawn(cpu_bound_work());
    let delay_task = tokio::spawn(delay(4));
    task_one.await??;
    task_two.await??;
    delay_task.await?;
    Ok(())
}
