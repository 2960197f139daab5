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
//! starting cpu_bound_work with args ([..],)
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

use clap::Parser;
use std::time::Duration;

/// Listing 2.24: debug mode with the slow-callback threshold raised to 250 ms
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
    util::debug::set_slow_callback_duration(Duration::from_millis(250));

    // New compared with the book: run Listing 2.23's task under the new threshold.
    let Args { loops } = Args::parse();
    tokio::spawn(cpu_bound_work(loops)).await?;
    Ok(())
}
