//! Listing 6.5: CPU-bound calls in a process pool, awaited from the event loop.
//!
//! The Rust twin of `chapter_06/listing_6_5.py`. `run_in_executor` hands each `countdown` to
//! the process pool and gives back something to await; `gather` waits for all five, while the
//! event loop stays free for other work; the results print in the order of the calls.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_5
//! ```
//!
//! Expected output:
//! ```text
//! 1
//! 3
//! 5
//! 22
//! 100000000
//! ```
//!
//! Where Rust differs: `loop.run_in_executor(pool, partial(countdown, n))` is
//! `pool.submit(Countdown { count_from: n })`, whose result is a future; `gather` is awaiting
//! the five in turn, all queued before the first is awaited. The pool is
//! `chapter_06::pool`; in Rust the work would go to `tokio::task::spawn_blocking` or rayon,
//! on threads, with no processes and no JSON in between.

use std::hint::black_box;

use chapter_06::pool::{self, Job, ProcessPool};
use serde::{Deserialize, Serialize};

fn countdown(count_from: u64) -> u64 {
    let mut counter = 0;
    while counter < count_from {
        counter = black_box(counter + 1);
    }
    counter
}

/// `partial(countdown, count_from)`, as a job for the pool.
#[derive(Serialize, Deserialize)]
struct Countdown {
    count_from: u64,
}

impl Job for Countdown {
    type Output = u64;

    fn run(self) -> u64 {
        countdown(self.count_from)
    }
}

async fn main_task() -> std::io::Result<()> {
    let process_pool = ProcessPool::new()?;
    let nums = [1, 3, 5, 22, 100_000_000];
    let call_coros: Vec<_> = nums
        .iter()
        .map(|&count_from| process_pool.submit(Countdown { count_from }))
        .collect();

    let mut results = Vec::with_capacity(call_coros.len());
    for call in call_coros {
        results.push(call.await?);
    }

    for result in results {
        println!("{result}");
    }
    Ok(())
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    if pool::is_worker() {
        return pool::serve::<Countdown>();
    }
    util::run(main_task())
}
