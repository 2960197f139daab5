//! Listing 6.4: a process pool maps a function over numbers; the results come back in order.
//!
//! The Rust twin of `chapter_06/listing_6_4.py`. `ProcessPoolExecutor.map` runs `count` on
//! each of 1, 3, 5, 22 and 100,000,000, spread over the workers. Each count prints, from its
//! worker, how long it took; the parent prints the results in the order of the numbers, each
//! as soon as it and those before it are in, so the small ones print while the big count runs.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_4
//! ```
//!
//! Expected output; the workers' lines for the small numbers come in any order, as they run at
//! once, and the seconds depend on the machine:
//! ```text
//! Finished counting to [..] in [..]
//! ...
//! 22
//! Finished counting to 100000000 in [..]
//! 100000000
//! ```
//!
//! Where Rust differs: `map` is the pool's `map`, an iterator that waits for each result in
//! turn (`chapter_06::pool`); the call crosses to the worker as a job value, in JSON. A worker's
//! line is written whole, where the book's two Python workers can interleave theirs mid-line.
//! In Rust, `rayon`'s `par_iter().map(count)` does this with threads.

use std::hint::black_box;
use std::time::Instant;

use chapter_06::pool::{self, Job, ProcessPool};
use serde::{Deserialize, Serialize};
use util::py::PyFloat;

fn count(count_to: u64) -> u64 {
    let start = Instant::now();
    let mut counter = 0;
    while counter < count_to {
        counter = black_box(counter + 1);
    }
    let elapsed = start.elapsed();
    println!(
        "Finished counting to {count_to} in {}",
        PyFloat(elapsed.as_secs_f64())
    );
    counter
}

/// `count(count_to)`, as a job for the pool.
#[derive(Serialize, Deserialize)]
struct Count {
    count_to: u64,
}

impl Job for Count {
    type Output = u64;

    fn run(self) -> u64 {
        count(self.count_to)
    }
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    if pool::is_worker() {
        return pool::serve::<Count>();
    }
    let process_pool = ProcessPool::new()?;
    let numbers = [1, 3, 5, 22, 100_000_000];
    for result in process_pool.map(numbers.map(|count_to| Count { count_to })) {
        println!("{}", result?);
    }
    Ok(())
}
