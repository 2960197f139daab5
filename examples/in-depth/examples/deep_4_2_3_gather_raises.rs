//! Section 4.2.3: `gather` raising the first exception, and why `try_join!` is not the same.
//!
//! With the default `return_exceptions=False`, `gather` raises the first exception into the
//! caller at once, but does not cancel the other awaitables: they keep running. `slow_job`
//! (2 s) is gathered with `might_fail` (raises at 1 s): `main` catches the error at 1 s, and
//! `slow_job` still finishes at 2 s. Rust's `tokio::try_join!` also returns at the first error,
//! but it *drops* the other futures there: the second half shows `slow_job` cancelled.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_3_gather_raises
//! ```
//!
//! Expected output (4 s):
//! ```text
//! -- gather: spawned tasks + try_join_all --
//! slow_job started
//! gather raised at 1 s: ValueError: bad luck
//! slow_job finished
//! -- tokio::try_join! on plain futures --
//! slow_job started
//! slow_job cancelled
//! try_join! returned at 4 s: ValueError: bad luck
//! ```
//!
//! Where Rust differs:
//! - gather's behaviour needs tasks: `tokio::spawn` each one, then `try_join_all` over the
//!   `JoinHandle`s. Giving up on a `JoinHandle` detaches the task instead of stopping it.
//! - `try_join!` (and `futures::try_join_all` over plain futures) keeps the futures inside
//!   itself, so returning early drops them at their current `.await`. That is cancellation in
//!   Rust: no `CancelledError` is raised in `slow_job`; only its `Drop` code runs, which is how
//!   it can say "cancelled" below.

use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Outcome = Result<String, String>;

/// Prints "slow_job cancelled" if it is dropped before `slow_job` reaches its end, the place
/// where Python's `except asyncio.CancelledError:` would print it.
struct CancelReport {
    finished: bool,
}

impl Drop for CancelReport {
    fn drop(&mut self) {
        if !self.finished {
            println!("slow_job cancelled");
        }
    }
}

async fn slow_job() -> Outcome {
    let mut report = CancelReport { finished: false };
    println!("slow_job started");
    sleep(Duration::from_secs(2)).await;
    println!("slow_job finished");
    report.finished = true;
    Ok("slow".to_string())
}

async fn might_fail() -> Outcome {
    sleep(Duration::from_secs(1)).await;
    Err("ValueError: bad luck".to_string())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();

    println!("-- gather: spawned tasks + try_join_all --");
    let tasks = vec![tokio::spawn(slow_job()), tokio::spawn(might_fail())];
    // Each JoinHandle gives Result<Outcome, JoinError>: flatten both layers into one error.
    let gathered = try_join_all(
        tasks
            .into_iter()
            .map(|task| async { task.await.map_err(|e| e.to_string())? }),
    )
    .await;
    if let Err(error) = gathered {
        println!(
            "gather raised at {} s: {error}",
            started.elapsed().as_secs()
        );
    }
    // The detached `slow_job` task is still running; give it time to finish.
    sleep(Duration::from_secs(2)).await;

    println!("-- tokio::try_join! on plain futures --");
    if let Err(error) = tokio::try_join!(slow_job(), might_fail()) {
        println!(
            "try_join! returned at {} s: {error}",
            started.elapsed().as_secs()
        );
    }
    Ok(())
}
