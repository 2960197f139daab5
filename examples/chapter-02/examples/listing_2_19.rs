//! Listing 2.19: CPU-bound tasks hold up a task that only wants to sleep.
//!
//! The Rust twin of `chapter_02/listing_2_19.py`. Two counting tasks and a 4-second `delay` are
//! spawned together, yet the delay cannot even start until both counts are over: the program
//! takes the two counts *plus* 4 seconds.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_19
//! cargo run --example listing_2_19 -- 1000000
//! ```
//!
//! The optional argument replaces the loop count, the book's 100000000 by default.
//!
//! Expected output:
//! ```text
//! starting main with args ()
//! starting cpu_bound_work with args ([..],)
//! finished cpu_bound_work in [..] second(s)
//! starting cpu_bound_work with args ([..],)
//! finished cpu_bound_work in [..] second(s)
//! sleeping for 4 second(s)
//! finished sleeping for 4 second(s)
//! finished main in [..] second(s)
//! ```
//!
//! `main` takes 4 seconds plus the two counts (each 0.9 to 1.6 s in a debug build on our 2-core
//! test machine, about 0.07 s with `--release`, about 4.7 s in the book's Python): 7.1 s in one
//! of our debug runs. The book prints no output for this listing; the lines
//! above are what its code prints, in the same order.
//!
//! The three tasks are polled in the order they were spawned. Each count runs to its end inside
//! its first poll, because it never reaches an `.await`, and only then does the runtime get to
//! poll the delay, which prints `sleeping for 4 second(s)`. On a multi-thread runtime the counts
//! would occupy two workers and the delay would start at once on a third, if the machine has
//! one: spawning blocking work on async workers only moves the problem. The fix is to hand the
//! count to the blocking thread pool: see `listing_2_19_spawn_blocking`.

use clap::Parser;
use util::delay;

/// Listing 2.19: CPU-bound tasks hold up a task that only wants to sleep
#[derive(Parser)]
struct Args {
    /// How far each count goes (the book's hundred million; count less to see the story sooner)
    #[arg(default_value_t = 100_000_000)]
    loops: u64,
}

// WRONG, on purpose: CPU-bound work inside an async task blocks every other task on the thread.
#[util::async_timed]
async fn cpu_bound_work(loops: u64) -> u64 {
    // The book's `for i in range(100000000)`: it never awaits, so it keeps the thread for the
    // whole count. `black_box` stops an optimised build from replacing the loop by its result.
    let mut counter = 0;
    for _ in 0..loops {
        counter = std::hint::black_box(counter + 1);
    }
    counter
}

#[util::async_timed]
#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { loops } = Args::parse();

    let task_one = tokio::spawn(cpu_bound_work(loops));
    let task_two = tokio::spawn(cpu_bound_work(loops));
    let delay_task = tokio::spawn(delay(4));
    task_one.await?;
    task_two.await?;
    delay_task.await?;
    Ok(())
}
