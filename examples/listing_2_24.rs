//! Listing 2.24: changing the slow-callback threshold of debug mode.
//!
//! The Rust twin of `chapter_02/listing_2_24.py`: debug mode on, and the threshold above which a
//! step of a task is reported raised from 100 ms to 250 ms.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_24
//! cargo run --example listing_2_24 -- 12000000
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
//! and on stderr an `Executing <Task cpu_bound_work> took N seconds` line only if N is above
//! 0.250. The book's listing stops after changing the setting, so it prints nothing; to let the
//! new threshold show, this example then runs Listing 2.23's task. Pick a count that takes
//! between 100 ms and 250 ms (12000000 did in a debug build on our test machine): Listing 2.23
//! reports it, this one does not.
//!
//! `loop.slow_callback_duration = .250` is a property of one event loop; here
//! `util::debug::set_slow_callback_duration` sets it for the whole process.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

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
    util::debug::set_slow_callback_duration(Duration::from_millis(250));

    // New compared with the book: run Listing 2.23's task under the new threshold.
    LOOPS.store(util::workload::loop_count()?, Ordering::Relaxed);
    tokio::spawn(cpu_bound_work()).await?;
    Ok(())
}
