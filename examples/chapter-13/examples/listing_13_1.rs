//! Listing 13.1: start a child process (`ls -l`) and wait for it.
//!
//! The Rust twin of `chapter_13/listing_13_1.py`. `asyncio.create_subprocess_exec('ls', '-l')`
//! is `tokio::process::Command::new("ls").arg("-l").spawn()`; the child writes to the same
//! terminal as the parent, since its stdout is not redirected, and `process.wait()` is
//! `child.wait().await`, which gives the loop to other tasks while the child runs.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_1
//! ```
//!
//! Expected output: the process id, then `ls -l` of the folder you run it in, then the status.
//! The first two race, as in Python: the parent prints the id while `ls` starts, and on a busy
//! machine `ls` can write first. The status always comes last.
//! ```text
//! Process pid is: [..]
//! total [..]
//! ...
//! Status code: 0
//! ```
//!
//! Where Rust differs: `spawn` is not awaited (starting a process does not block for long);
//! `child.id()` is an `Option`, `None` once the child has been waited for, so that a reused
//! process id is never signalled by mistake. Python's `returncode` is `chapter_13::returncode`.

use chapter_13::returncode;
use tokio::process::Command;

#[util::main]
async fn main() -> std::io::Result<()> {
    let mut process = Command::new("ls").arg("-l").spawn()?;
    println!("Process pid is: {}", process.id().unwrap_or_default());
    let status_code = process.wait().await?;
    println!("Status code: {}", returncode(status_code));
    Ok(())
}
