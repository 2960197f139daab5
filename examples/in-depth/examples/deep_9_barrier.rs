//! Section 9, Python 3.11: `asyncio.Barrier` -> `tokio::sync::Barrier`.
//!
//! A barrier for 3 parties makes each task that reaches `wait()` stop until all 3 have
//! arrived, then lets them all through together. The workers arrive at 1, 2 and 3 s; all pass
//! at 3 s.
//!
//! Run with:
//! ```text
//! cargo run --example deep_9_barrier
//! ```
//!
//! Expected output (3 s):
//! ```text
//! worker 1 arrived at 1 s
//! worker 2 arrived at 2 s
//! worker 3 arrived at 3 s
//! worker 1 passed at 3 s (leader: false)
//! worker 2 passed at 3 s (leader: false)
//! worker 3 passed at 3 s (leader: true)
//! ```
//!
//! Where Rust differs:
//! - Python's `wait()` returns an index from 0 to parties - 1; tokio's returns a result whose
//!   `is_leader()` is true for exactly one task (the last to arrive). That is enough to pick one
//!   task to do the "after everyone" work.
//! - There is no `abort()`, `reset()` or `BrokenBarrierError`, and a task cancelled while
//!   waiting still counts as arrived: the tokio docs say `wait` is not cancel-safe.
//! - `asyncio.Barrier` is reusable cycle after cycle, and so is tokio's.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Barrier;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

#[util::main]
async fn main() {
    let started = Instant::now();
    let barrier = Arc::new(Barrier::new(3));
    let mut workers = JoinSet::new();
    for n in 1..=3 {
        let barrier = Arc::clone(&barrier);
        workers.spawn(async move {
            sleep(Duration::from_secs(n)).await;
            println!("worker {n} arrived at {} s", started.elapsed().as_secs());
            let result = barrier.wait().await;
            (n, started.elapsed().as_secs(), result.is_leader())
        });
    }
    // The order in which released tasks resume is up to tokio, so report them sorted.
    let mut passed = workers.join_all().await;
    passed.sort();
    for (n, at, leader) in passed {
        println!("worker {n} passed at {at} s (leader: {leader})");
    }
}
