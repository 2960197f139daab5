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
//! starting cpu_bound_work with args ()
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
//! How it works is different. asyncio times every callback of its loop. Stable tokio has no
//! hook around each poll of each task, so `util::debug` times the polls of the futures it can
//! see: `main` and every call of an `#[async_timed]` function, which is why `cpu_bound_work`
//! keeps the attribute. A plain `tokio::spawn` of an untimed future is not watched unless you
//! wrap it in `util::debug::watch`. asyncio's other debug check, coroutines never awaited, is
//! done by the compiler in Rust (Listing 2.2).

use std::sync::atomic::{AtomicU64, Ordering};

/// How far `cpu_bound_work` counts: the book's 100,000,000 unless the first argument says
/// otherwise (the tests count less, to stay fast).
static LOOPS: AtomicU64 = AtomicU64::new(util::workload::BOOK_LOOP_COUNT);

#[util::async_timed]
async fn cpu_bound_work() -> u64 {
    // The book's `for i in range(...)` loop, in util: it counts without ever awaiting.
    util::workload::count(LOOPS.load(Ordering::Relaxed))
}

#[util::main(debug)]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    LOOPS.store(util::workload::loop_count()?, Ordering::Relaxed);

    let task_one = tokio::spawn(cpu_bound_work());
    task_one.await?;
    Ok(())
}
