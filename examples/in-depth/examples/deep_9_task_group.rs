//! Section 9, Python 3.11: `asyncio.TaskGroup` -> `tokio::task::JoinSet`.
//!
//! A TaskGroup starts tasks, and leaving its `async with` block waits for all of them. If one
//! fails, the group cancels the others and raises the failure (in an `ExceptionGroup`). The
//! first group below succeeds after 2 s; in the second, `job 2` fails at its 2 s mark and
//! `job 3`, which would run 3 s, is cancelled.
//!
//! Run with:
//! ```text
//! cargo run --example deep_9_task_group
//! ```
//!
//! Expected output (4 s):
//! ```text
//! -- a group where every task succeeds --
//! group finished after 2 s: [1, 2]
//! -- a group where one task fails --
//! job 3 cancelled
//! group raised after 4 s: job 2 failed
//! ```
//!
//! Where Rust differs:
//! - `JoinSet` gives the "every task belongs to a group" half: dropping the set aborts whatever
//!   is still in it, so no task outlives the block by accident.
//! - "Cancel the rest on the first failure" is written out: stop at the first `Err` and call
//!   `shutdown()`, which aborts the others and waits until they are gone. (tokio-util's
//!   `TaskTracker` + `CancellationToken` is the choice when tasks should stop cooperatively.)
//! - There is no `ExceptionGroup`: the first error is returned, the others are dropped. Collect
//!   them in a `Vec` if you need them all.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Prints when a job is dropped before it finished: Rust's form of its `CancelledError`.
struct CancelReport {
    job: u64,
    finished: bool,
}

impl Drop for CancelReport {
    fn drop(&mut self) {
        if !self.finished {
            println!("job {} cancelled", self.job);
        }
    }
}

async fn job(n: u64, fails: bool) -> Result<u64, String> {
    let mut report = CancelReport {
        job: n,
        finished: false,
    };
    sleep(Duration::from_secs(n)).await;
    report.finished = true;
    if fails {
        return Err(format!("job {n} failed"));
    }
    Ok(n)
}

/// `async with asyncio.TaskGroup() as tg: ...`: run every job, or stop at the first failure.
async fn task_group(jobs: Vec<(u64, bool)>) -> Result<Vec<u64>, BoxError> {
    let mut group = JoinSet::new();
    for (n, fails) in jobs {
        group.spawn(job(n, fails));
    }
    let mut results = Vec::new();
    while let Some(joined) = group.join_next().await {
        match joined? {
            Ok(value) => results.push(value),
            Err(error) => {
                group.shutdown().await;
                return Err(error.into());
            }
        }
    }
    results.sort();
    Ok(results)
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();
    println!("-- a group where every task succeeds --");
    let results = task_group(vec![(1, false), (2, false)]).await?;
    println!(
        "group finished after {} s: {results:?}",
        started.elapsed().as_secs()
    );

    println!("-- a group where one task fails --");
    if let Err(error) = task_group(vec![(1, false), (2, true), (3, false)]).await {
        println!(
            "group raised after {} s: {error}",
            started.elapsed().as_secs()
        );
    }
    Ok(())
}
