//! Listing 6.12: the same two processes, with the shared number's lock: no update is lost.
//!
//! The Rust twin of `chapter_06/listing_6_12.py`. As Listing 6.11, but each child takes the
//! shared integer's lock before it reads the number and releases it after it has written it
//! back, so the other child waits for the whole increment. A hundred trials, each 2.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_12
//! ```
//!
//! Expected output, a hundred lines:
//! ```text
//! 2
//! ...
//! 2
//! ```
//!
//! Where Rust differs: `get_lock().acquire()` and `release()` are taking the guard
//! `get_lock()` returns and dropping it at the end of the block, so the lock cannot be left
//! held by an early return. The children start their increments at the same moment, as in
//! Listing 6.11's twin (`chapter_06::start_line`), where that moment makes an update get lost
//! within a few trials: here the lock is all that prevents it.

use std::process::Command;
use std::time::Duration;

use chapter_06::shared::Value;
use chapter_06::start_line::StartLine;
use clap::Parser;

/// Listing 6.12: two processes increment a shared integer under its lock
#[derive(Parser)]
struct Args {
    /// How many trials (the book's 100)
    #[arg(long, default_value_t = 100)]
    trials: u32,
    /// Add 1 to the shared integer HANDLE names, as a child process (the parent passes it)
    #[arg(long, hide = true, value_name = "HANDLE")]
    increment_value: Option<String>,
    /// When to increment, in nanoseconds since 1970, as a child process
    #[arg(long, hide = true, value_name = "NANOSECONDS")]
    start_at: Option<u64>,
}

fn increment_value(shared_int: &Value<i32>) {
    let _lock = shared_int.get_lock();
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
