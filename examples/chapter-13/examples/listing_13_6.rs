//! Listing 13.6: `communicate` reads the child's output while it waits, so there is no deadlock.
//!
//! The Rust twin of `chapter_13/listing_13_6.py`. The same chatty child as Listing 13.5, but
//! the parent waits with `communicate()`, which reads the pipe as the child fills it and
//! returns everything once the child has ended: 14 MB of `Hello there!!` lines.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_6
//! cargo run --example listing_13_6 -- --print-all     # the book's 14 MB line, whole
//! ```
//!
//! Expected output of the first command:
//! ```text
//! Process pid is: [..]
//! b'Hello there!!\nHello there!!\n'... (14000000 bytes in all; --print-all prints them)
//! None
//! Process returned: 0
//! ```
//!
//! The book prints the whole output, one line of about 15 MB; this prints its start and its
//! size unless `--print-all` asks for the book's line. `None` is the child's stderr, which was
//! not piped, as in the book.
//!
//! Where Rust differs: `communicate()` is `wait_with_output()`, which reads stdout and stderr
//! while it waits, and hands back an `Output` with both (an empty `Vec` for a stream that was
//! not piped, where Python has `None`). The child is this program started again with
//! `--child` (see `chapter_13::children`).

use std::process::Stdio;

use chapter_13::returncode;
use clap::Parser;
use tokio::process::Command;
use util::py::PyBytes;

/// Listing 13.6: read all of a chatty child's output with communicate()
#[derive(Parser)]
struct Args {
    /// How many lines the child writes (the book's million: 14 MB)
    #[arg(long, default_value_t = 1_000_000)]
    lines: u64,
    /// Print the whole output, as the book does, rather than its start and size
    #[arg(long)]
    print_all: bool,
    /// Run as the child, Listing 13.4 (the parent passes it)
    #[arg(long, hide = true)]
    child: bool,
}

/// How much of the output to show without `--print-all`: two of its lines.
const SHOWN: usize = 28;

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
    let process = Command::new(std::env::current_exe()?)
        .args(["--child", "--lines", &args.lines.to_string()])
        .stdout(Stdio::piped())
        .spawn()?;
    println!("Process pid is: {}", process.id().unwrap_or_default());

    let output = process.wait_with_output().await?;
    let stdout = &output.stdout;
    if args.print_all || stdout.len() <= SHOWN {
        println!("{}", PyBytes(stdout));
    } else {
        println!(
            "{}... ({} bytes in all; --print-all prints them)",
            PyBytes(&stdout[..SHOWN]),
            stdout.len()
        );
    }
    // stderr was not piped: Python's communicate() gives None for it.
    println!("None");
    println!("Process returned: {}", returncode(output.status));
    Ok(())
}
