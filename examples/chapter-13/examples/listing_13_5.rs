//! Listing 13.5: a deadlock: the parent waits for a child that waits for the parent.
//!
//! The Rust twin of `chapter_13/listing_13_5.py`. The child (Listing 13.4) writes 14 MB into a
//! pipe; the parent only waits for it to end and never reads the pipe. A pipe holds 64 KiB
//! (on Linux); once it is full, the child's next write blocks until someone reads, which the
//! parent never does, and the parent's wait never ends. **This program hangs**: press Ctrl-C.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_5                # hangs after its first line: Ctrl-C ends it
//! ```
//!
//! Expected output, and then nothing more:
//! ```text
//! Process pid is: [..]
//! ```
//! The book's last line, `Process returned: ...`, never comes; with `--lines 1000` (14 KB,
//! which fits in the pipe) it does, and the program ends. Listing 13.6 is the fix.
//!
//! Where Rust differs: the child is this program started again with `--child` (a Rust program
//! is not a file for an interpreter; see `chapter_13::children`). tokio's `wait` closes the
//! child's stdin, as asyncio's does, but leaves its stdout alone, so the deadlock is the
//! book's. Ctrl-C at a terminal reaches both processes (it signals the whole foreground
//! process group), so neither outlives it.

use std::process::Stdio;

use chapter_13::returncode;
use clap::Parser;
use tokio::process::Command;

/// Listing 13.5: wait for a child without reading its output (hangs)
#[derive(Parser)]
struct Args {
    /// How many lines the child writes (the book's million hang; 1000 fit in the pipe)
    #[arg(long, default_value_t = 1_000_000)]
    lines: u64,
    /// Run as the child, Listing 13.4 (the parent passes it)
    #[arg(long, hide = true)]
    child: bool,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    if args.child {
        // The child is a plain blocking program, as the book's: no runtime.
        return Ok(chapter_13::children::hello_there(args.lines)?);
    }
    util::run(parent(args))
}

async fn parent(args: Args) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut process = Command::new(std::env::current_exe()?)
        .args(["--child", "--lines", &args.lines.to_string()])
        .stdout(Stdio::piped())
        .spawn()?;
    println!("Process pid is: {}", process.id().unwrap_or_default());

    let return_code = process.wait().await?;
    println!("Process returned: {}", returncode(return_code));
    Ok(())
}
