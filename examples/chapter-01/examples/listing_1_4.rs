//! Listing 1.4: a child process.
//!
//! The Rust twin of `chapter_01/listing_1_4.py`. `multiprocessing.Process(target=f)` starts a
//! new Python interpreter that runs `f`. Rust has no interpreter to start: the program starts
//! *itself* again (`std::env::current_exe()`) with a flag that makes the copy run the child's
//! function, and waits for it. That is what `multiprocessing`'s `spawn` mode does too.
//!
//! Run with:
//! ```text
//! cargo run --example listing_1_4
//! ```
//!
//! Expected output, in either order, since the two processes race; the ids differ:
//! ```text
//! Hello from parent process [..]
//! Hello from child process [..]!
//! ```
//!
//! Where Rust differs: the child is a new run of the same binary, so it shares nothing with the
//! parent but what is passed to it (here, nothing). `--child` is the flag the parent uses; it
//! is hidden from `--help`.

use std::process::Command;

use clap::Parser;

/// Listing 1.4: start a child process and say hello from both
#[derive(Parser)]
struct Args {
    /// Run as the child process (the parent passes it)
    #[arg(long, hide = true)]
    child: bool,
}

fn hello_from_process() {
    println!("Hello from child process {}!", std::process::id());
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if Args::parse().child {
        hello_from_process();
        return Ok(());
    }
    let mut hello_process = Command::new(std::env::current_exe()?)
        .arg("--child")
        .spawn()?;

    println!("Hello from parent process {}", std::process::id());

    let status = hello_process.wait()?;
    if !status.success() {
        return Err(format!("the child process failed: {status}").into());
    }
    Ok(())
}
