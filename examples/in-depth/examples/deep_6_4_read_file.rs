//! Section 6.4: reading a file asynchronously
//!
//! The Rust twin of the article's `read_file_async`, which reads a file in the default thread
//! pool with `run_in_executor(None, file.read)` so the event loop keeps running meanwhile. The
//! program writes its own small file first, so it runs anywhere, then reads it back twice: the
//! way the article does it, and with tokio's ready-made file API.
//!
//! Run with:
//! ```text
//! cargo run --example deep_6_4_read_file
//! ```
//!
//! Expected output (0 s):
//! ```text
//! read with spawn_blocking (run_in_executor):
//! The first line of the file.
//! The second line of the file.
//! read with tokio::fs::read_to_string:
//! The first line of the file.
//! The second line of the file.
//! ```
//!
//! Where Rust differs: `tokio::task::spawn_blocking(f)` is `run_in_executor(None, f)`.
//! `tokio::fs` does the same thing for you (operating systems offer no portable non-blocking
//! file reads, so tokio runs each file call on its blocking pool, as aiofiles does in Python).
//! Two caveats carry over from the thread pool: dropping the future does not stop a read
//! already running, and for many small reads one `spawn_blocking` doing all of them is cheaper
//! than many `tokio::fs` calls.

use std::path::PathBuf;

const CONTENT: &str = "The first line of the file.\nThe second line of the file.\n";

/// The article's `read_file_async`: the blocking read runs on the blocking pool.
async fn read_file_async(path: PathBuf) -> std::io::Result<String> {
    tokio::task::spawn_blocking(move || std::fs::read_to_string(path)).await?
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // A file of our own in the temp directory, named after this process so that two runs at
    // once do not collide.
    let path = std::env::temp_dir().join(format!("deep_6_4_read_file-{}.txt", std::process::id()));
    tokio::fs::write(&path, CONTENT).await?;

    let read = async {
        println!("read with spawn_blocking (run_in_executor):");
        print!("{}", read_file_async(path.clone()).await?);
        println!("read with tokio::fs::read_to_string:");
        print!("{}", tokio::fs::read_to_string(&path).await?);
        Ok::<_, std::io::Error>(())
    }
    .await;
    // Clean up whether the reads worked or not, then report the first error.
    let removed = tokio::fs::remove_file(&path).await;
    read?;
    removed?;
    Ok(())
}
