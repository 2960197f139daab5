//! Listing 2.23: debug mode reports CPU-bound code.
//!
//! The Rust twin of `chapter_02/listing_2_23.py`, run with `asyncio.run(main(), debug=True)`:
//! `#[util::main(debug)]`. One task counts to a hundred million without ever yielding; debug
//! mode notices that it kept the thread longer than 100 ms and logs it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_23
//! cargo run --example listing_2_23 -- 1000
//! ```
//!
//! The optional argument replaces the loop count, the book's 100000000 by default.
//!
//! Expected output:
//! ```text
//! starting cpu_bound_work with args ([..],)
//! finished cpu_bound_work in [..] second(s)
//! ```
//!
//! and on stderr, when the count takes longer than 100 ms, a log line such as
//!
//! ```text
//! 2026-11-22T03:54:02.476837Z  WARN util::debug: Executing <Task cpu_bound_work> took 1.756 seconds
//! ```
//!
//! A debug build counts to a hundred million in about a second, so the default is reported. A
//! `--release` build does it in about 70 ms, under the threshold: pass a count ten times larger
//! to see the report there.
//!
//! Python's log line names the task, its coroutine, its result and where it was created; ours
//! has the function's name. Setting `ASYNCIO_DEBUG=1` turns debug mode on without the
//! attribute, like `PYTHONASYNCIODEBUG=1`.
//!
//! How it works: asyncio times every callback of its loop; util's runtime times every poll of
//! every task through tokio's runtime hooks (`on_before_task_poll` and `on_after_task_poll`,
//! which need `--cfg tokio_unstable`, set in this workspace's `.cargo/config.toml`). The task
//! is named after the `#[async_timed]` function it runs. A copy built without the flag still
//! times `main` and `#[async_timed]` calls, and says so once. asyncio's other debug check,
//! coroutines never awaited, is done by the compiler in Rust (Listing 2.2).

use clap::Parser;

/// Listing 2.23: debug mode reports a task that blocks the thread for more than 100 ms
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

#[util::main(debug)]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { loops } = Args::parse();

    let task_one = tokio::spawn(cpu_bound_work(loops));
    task_one.await?;
    Ok(())
}
