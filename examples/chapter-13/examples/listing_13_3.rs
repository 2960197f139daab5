//! Listing 13.3: read a child's output line by line while it runs.
//!
//! The Rust twin of `chapter_13/listing_13_3.py`. `ls -la` runs with its stdout piped to the
//! parent; one task reads it a line at a time and prints each line with the command as a
//! prefix, while `main` waits for the process to end, both at once (`gather`).
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_3
//! ```
//!
//! Expected output: the listing of the folder you run it in, each line prefixed:
//! ```text
//! Process pid is: [..]
//! [ls -la]: total [..]
//! [ls -la]: [..] .
//! [ls -la]: [..] ..
//! ...
//! Process returned: 0
//! ```
//!
//! Where Rust differs: `stdout=asyncio.subprocess.PIPE` is `.stdout(Stdio::piped())`, and the
//! pipe is taken out of the child (`take()`) so that one task reads it while another waits for
//! the child: ownership makes the split explicit. `StreamReader.readline` is
//! `BufReader::lines()`, whose lines come without their newline (the book strips it with
//! `rstrip`).

use std::process::Stdio;

use chapter_13::returncode;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{ChildStdout, Command};

async fn write_output(prefix: &str, stdout: ChildStdout) -> std::io::Result<()> {
    let mut lines = BufReader::new(stdout).lines();
    while let Some(line) = lines.next_line().await? {
        println!("[{prefix}]: {}", line.trim_end());
    }
    Ok(())
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let program = ["ls", "-la"];
    let mut process = Command::new(program[0])
        .args(&program[1..])
        .stdout(Stdio::piped())
        .spawn()?;
    println!("Process pid is: {}", process.id().unwrap_or_default());
    let stdout = process.stdout.take().ok_or("stdout is piped")?;
    let prefix = program.join(" ");
    let stdout_task = tokio::spawn(async move { write_output(&prefix, stdout).await });

    let (return_code, written) = tokio::join!(process.wait(), stdout_task);
    written??;
    println!("Process returned: {}", returncode(return_code?));
    Ok(())
}
