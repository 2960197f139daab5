//! Section 7.2: running blocking I/O on a thread pool (`run_in_executor(None, blocking_io)`).
//!
//! The article's `blocking_io()` calls `time.sleep(1)`, standing in for a call that blocks the
//! thread (a synchronous file or network library). `main` hands it to the default thread pool
//! with `loop.run_in_executor(None, blocking_io)`, awaits it, and carries on.
//!
//! Run with:
//! ```text
//! cargo run --example deep_7_2_blocking_io
//! ```
//!
//! Expected output (1 s):
//! ```text
//! start blocking I/O
//! end blocking I/O
//! main continues
//! ```
//!
//! Where Rust differs:
//! - `tokio::task::spawn_blocking(f)` is `run_in_executor(None, f)` (and Python 3.9's
//!   `asyncio.to_thread(f)`): tokio keeps a pool of threads for blocking calls, up to 512 by
//!   default, separate from the thread that runs tasks.
//! - A blocking job cannot be cancelled once it has started: aborting its `JoinHandle` or
//!   dropping the `.await` leaves the thread running to the end, as Python's executor does.
//! - The one second here is real time spent in a real thread, so the test runs this program
//!   on the real clock.

use std::time::Duration;

fn blocking_io() {
    println!("start blocking I/O");
    // Deliberately blocking: this is the call that must not run on the runtime's own thread.
    std::thread::sleep(Duration::from_secs(1));
    println!("end blocking I/O");
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    tokio::task::spawn_blocking(blocking_io).await?;
    println!("main continues");
    Ok(())
}
