//! Listing 13.10: answer a child's question through its stdin with `communicate(input)`.
//!
//! The Rust twin of `chapter_13/listing_13_10.py`. The child is Listing 13.9, which asks for a
//! user name. The parent pipes the child's stdin and stdout, sends `Zoot` (no newline: the end
//! of input ends the line) and closes stdin, then reads everything the child wrote until it
//! ends: the prompt and the greeting, as one `bytes` value.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_10
//! ```
//!
//! Expected output:
//! ```text
//! b'Please enter a username: Your username is Zoot\n'
//! None
//! ```
//! `None` is the child's stderr, which was not piped.
//!
//! Where Rust differs: tokio's `wait_with_output` has no input, so `communicate(b'Zoot')` is
//! writing to the child's stdin, and dropping it (closing the pipe), while `wait_with_output`
//! reads stdout: both at once (`join!`), so that a child that writes much before it reads
//! cannot block either side. The child is this program started again with `--child` (see
//! `chapter_13::children`).

use std::process::Stdio;

use clap::Parser;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use util::py::PyBytes;

/// Listing 13.10: send a child its input with communicate()
#[derive(Parser)]
struct Args {
    /// Run as the child, Listing 13.9 (the parent passes it)
    #[arg(long, hide = true)]
    child: bool,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if Args::parse().child {
        return Ok(chapter_13::children::ask_username()?);
    }
    util::run(parent())
}

async fn parent() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut process = Command::new(std::env::current_exe()?)
        .arg("--child")
        .stdout(Stdio::piped())
        .stdin(Stdio::piped())
        .spawn()?;

    let mut stdin = process.stdin.take().ok_or("stdin is piped")?;
    let send = async move { stdin.write_all(b"Zoot").await };
    let (sent, output) = tokio::join!(send, process.wait_with_output());
    sent?;
    let output = output?;
    println!("{}", PyBytes(&output.stdout));
    // stderr was not piped: Python's communicate() gives None for it.
    println!("None");
    Ok(())
}
