//! Listing 6.11: two processes increment a shared number without a lock, and an update is lost.
//!
//! The Rust twin of `chapter_06/listing_6_11.py`. It prints the number of CPUs, then runs
//! trials: a new shared integer at 0, two child processes that each read it and write it back
//! plus one, then the result, which must be 2. When both children read before either writes,
//! both write 1: one update is lost, the assertion fails and the program stops there.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_11
//! ```
//!
//! Expected output: the number of CPUs, `2` on our machine, then a `2` for each trial without a
//! lost update, and the `1` of the trial with one, after a few trials (the count differs each
//! run); then the failed assertion, on stderr:
//! ```text
//! [..]
//! ...
//! 1
//! ```
//!
//! Expected stderr, and exit status 1:
//! ```text
//! Error: assertion failed: integer.value == 2
//! ```
//!
//! Where Rust differs: the shared integer is `chapter_06::shared::Value<i32>`, and the child is
//! this program started again with the value's handle. Reading it and writing it back are two
//! steps, with room for the other process in between, as in Python. But a Rust increment
//! takes nanoseconds, and a child takes a millisecond or so to start, so two children started
//! one after the other would all but never increment at the same moment: the parent gives both
//! a moment to start at, 10 ms on (`chapter_06::start_line`), and each waits for it. The race
//! itself is unchanged. On a machine with one CPU the children cannot run at the same moment,
//! and it may never show.
//! `--trials` sets the book's 10,000.

use std::process::Command;
use std::time::Duration;

use chapter_06::shared::Value;
use chapter_06::start_line::StartLine;
use clap::Parser;

/// Listing 6.11: race two processes on a shared integer until an update is lost
#[derive(Parser)]
struct Args {
    /// How many trials at most (the book's 10,000)
    #[arg(long, default_value_t = 10_000)]
    trials: u32,
    /// Add 1 to the shared integer HANDLE names, as a child process (the parent passes it)
    #[arg(long, hide = true, value_name = "HANDLE")]
    increment_value: Option<String>,
    /// When to increment, in nanoseconds since 1970, as a child process
    #[arg(long, hide = true, value_name = "NANOSECONDS")]
    start_at: Option<u64>,
}

fn increment_value(shared_int: &Value<i32>) {
    shared_int.set_value(shared_int.value() + 1);
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    if let (Some(handle), Some(start_at)) = (args.increment_value, args.start_at) {
        let integer = Value::open(&handle)?;
        StartLine::from_nanos(start_at).wait();
        increment_value(&integer);
        return Ok(());
    }

    println!("{}", std::thread::available_parallelism()?);
    let program = std::env::current_exe()?;
    for _ in 0..args.trials {
        let integer = Value::new(0)?;
        let start_at = StartLine::in_a_while(Duration::from_millis(10));
        let start_at = start_at.as_nanos().to_string();
        let child = [
            "--increment-value",
            integer.handle(),
            "--start-at",
            &start_at,
        ];
        let procs = [
            Command::new(&program).args(child).spawn()?,
            Command::new(&program).args(child).spawn()?,
        ];
        for mut p in procs {
            p.wait()?;
        }
        println!("{}", integer.value());
        if integer.value() != 2 {
            return Err("assertion failed: integer.value == 2".into());
        }
    }
    Ok(())
}
