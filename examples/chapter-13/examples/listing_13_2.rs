//! Listing 13.2: give a child process a second, then terminate it.
//!
//! The Rust twin of `chapter_13/listing_13_2.py`. The child is `sleep 3`; the parent waits for
//! it at most one second (`wait_for(process.wait(), timeout=1.0)`), then terminates it
//! (SIGTERM) and waits for it to end, which it does at once: it ends by the signal, and
//! asyncio reports that as the negative signal number.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_2
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Process pid is: [..]
//! Timed out waiting to finish, terminating...
//! -15
//! ```
//!
//! Where Rust differs: `asyncio.wait_for` is `tokio::time::timeout`, which drops the `wait`
//! future when time is up; that stops only the waiting, not the child. tokio's `Child` has
//! `start_kill` (SIGKILL) but no `terminate`, so SIGTERM is sent with `libc::kill`, as
//! asyncio's `terminate()` does with `os.kill`.

use std::time::Duration;

use chapter_13::returncode;
use tokio::process::Command;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut process = Command::new("sleep").arg("3").spawn()?;
    let pid = process
        .id()
        .ok_or("the child has already been waited for")?;
    println!("Process pid is: {pid}");
    match tokio::time::timeout(Duration::from_secs(1), process.wait()).await {
        Ok(status_code) => println!("{}", returncode(status_code?)),
        Err(_elapsed) => {
            println!("Timed out waiting to finish, terminating...");
            terminate(pid)?;
            let status_code = process.wait().await?;
            println!("{}", returncode(status_code));
        }
    }
    Ok(())
}

/// asyncio's `process.terminate()`: SIGTERM, which asks the child to end.
fn terminate(pid: u32) -> std::io::Result<()> {
    let pid = libc::pid_t::try_from(pid).map_err(std::io::Error::other)?;
    // SAFETY: kill has no memory-safety preconditions. The child has not been waited for (its
    // id was still there), so the id is still ours and cannot name another process.
    match unsafe { libc::kill(pid, libc::SIGTERM) } {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    }
}
