//! Listing 2.18: CPU-bound work in tasks runs one task after the other.
//!
//! The Rust twin of `chapter_02/listing_2_18.py`. Two tasks count to a hundred million; they
//! were spawned to run concurrently, but the second starts only when the first is done, and
//! `main` takes as long as both together.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_18
//! cargo run --example listing_2_18 -- 1000000
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
//! finished main in [..] second(s)
//! ```
//!
//! The seconds depend on the machine and the build: the book's Python needs about 4.7 s per
//! count; this example needed 0.9 to 1.4 s in a debug build on our 2-core test machine, and
//! about 0.07 s with `--release`. Whatever they are, `main`'s time is the sum of the two.
//!
//! There is no global interpreter lock in Rust, so the reason is not the same as in Python, but
//! the effect is: `cpu_bound_work` never reaches an `.await`, so once its task is polled it keeps
//! the runtime's only thread until it returns. On a multi-thread runtime the two tasks would
//! run in parallel on two workers (given two cores); the cure that works on any runtime is
//! `spawn_blocking` (`listing_2_19_spawn_blocking`).

use clap::Parser;

/// Listing 2.18: two CPU-bound tasks run one after the other
#[derive(Parser)]
struct Args {
    /// How far each count goes (the book's hundred million; count less to see the story sooner)
    #[arg(default_value_t = 100_000_000)]
    loops: u64,
}

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
    task_one.await?;
    task_two.await?;
    Ok(())
}
