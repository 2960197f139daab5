//! Listing 6.1: two processes count at the same time.
//!
//! The Rust twin of `chapter_06/listing_6_1.py`. Two child processes count, one to 100 million
//! and one to 200 million, each printing how long it took; the parent starts both, waits for
//! both, and prints how long that took: about as long as the longer count alone, since the two
//! ran at once on two CPUs.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_1
//! ```
//!
//! Expected output; the seconds depend on the machine. The book's Python took 2 and 4 s here,
//! this debug build takes well under a second. The children run at once, so on a busy machine
//! the first two lines may swap:
//! ```text
//! Finished counting to 100000000 in [..]
//! Finished counting to 200000000 in [..]
//! Completed in [..]
//! ```
//!
//! Where Rust differs: `multiprocessing.Process(target=count, args=(...))` starts a Python
//! interpreter that runs `count`; here the program starts itself again with `--count N` (as
//! Listing 1.4 does), and that run counts. In Rust the processes are not needed for this: Rust
//! has no GIL, and two threads count at once just as well (`listing_6_1_threads`).
//! `black_box` keeps the compiler from replacing the loop with its result.

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use clap::Parser;
use util::py::PyFloat;

/// Listing 6.1: count to 100 and 200 million in two processes at once
#[derive(Parser)]
struct Args {
    /// Count to N, as a child process (the parent passes it)
    #[arg(long, hide = true)]
    count: Option<u64>,
}

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

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(count_to) = Args::parse().count {
        count(count_to);
        return Ok(());
    }
    let start_time = Instant::now();
    let program = std::env::current_exe()?;

    let mut to_one_hundred_million = Command::new(&program)
        .args(["--count", "100000000"])
        .spawn()?;
    let mut to_two_hundred_million = Command::new(&program)
        .args(["--count", "200000000"])
        .spawn()?;

    to_one_hundred_million.wait()?;
    to_two_hundred_million.wait()?;

    println!(
        "Completed in {}",
        PyFloat(start_time.elapsed().as_secs_f64())
    );
    Ok(())
}
