//! Listing 6.10: a number and an array in shared memory, changed by two child processes.
//!
//! The Rust twin of `chapter_06/listing_6_10.py`. The parent makes a shared integer (0) and a
//! shared array of two integers (0, 0); one child adds 1 to the integer, the other adds 1 to
//! each element of the array. After both have ended, the parent sees what they did.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_10
//! ```
//!
//! Expected output:
//! ```text
//! 1
//! [1, 1]
//! ```
//!
//! Where Rust differs: `Value('i', 0)` and `Array('i', [0, 0])` are `chapter_06::shared`'s
//! `Value<i32>` and `Array<i32>`, numbers in an anonymous file that each process maps into its
//! memory. Python hands the `Value` itself to `Process(args=...)`; here the child, this program
//! started again, gets the value's handle on its command line and opens it. In Rust, threads
//! would share an `Arc<AtomicI32>` instead: no file, no handle, no second program.

use std::process::Command;

use chapter_06::shared::{Array, Value};
use clap::Parser;

/// Listing 6.10: shared memory changed by two processes
#[derive(Parser)]
struct Args {
    /// Add 1 to the shared integer HANDLE names, as a child process (the parent passes it)
    #[arg(long, hide = true, value_name = "HANDLE")]
    increment_value: Option<String>,
    /// Add 1 to each number of the shared array HANDLE names, as a child process
    #[arg(long, hide = true, value_name = "HANDLE")]
    increment_array: Option<String>,
}

fn increment_value(shared_int: &Value<i32>) {
    shared_int.set_value(shared_int.value() + 1);
}

fn increment_array(shared_array: &Array<i32>) {
    for (index, integer) in shared_array.to_vec().into_iter().enumerate() {
        shared_array.set(index, integer + 1);
    }
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    if let Some(handle) = args.increment_value {
        increment_value(&Value::open(&handle)?);
        return Ok(());
    }
    if let Some(handle) = args.increment_array {
        increment_array(&Array::open(&handle)?);
        return Ok(());
    }

    let integer = Value::new(0)?;
    let integer_array = Array::new(&[0, 0])?;

    let program = std::env::current_exe()?;
    let procs = [
        Command::new(&program)
            .args(["--increment-value", integer.handle()])
            .spawn()?,
        Command::new(&program)
            .args(["--increment-array", integer_array.handle()])
            .spawn()?,
    ];
    for mut p in procs {
        p.wait()?;
    }

    println!("{}", integer.value());
    println!("{:?}", integer_array.to_vec());
    Ok(())
}
