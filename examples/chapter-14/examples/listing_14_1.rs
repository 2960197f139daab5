//! Listing 14.1: an API that takes coroutine functions, coroutines and plain functions.
//!
//! The Rust twin of `chapter_14/listing_14_1.py`. A task runner is given an async function, a
//! coroutine (an async function already called) and a plain function; it runs the first two as
//! tasks and schedules the third as a callback, then waits for the tasks.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_1
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Running coroutine, sleeping!
//! Running coroutine, sleeping!
//! Hello from a regular function!
//! Finished sleeping!
//! Finished sleeping!
//! ```
//!
//! Where Rust differs: Python inspects what it is given at run time
//! (`asyncio.iscoroutinefunction`, `asyncio.iscoroutine`). Rust knows at compile time: the three
//! kinds are the three variants of `Job`, and each `add_task` call says which one it passes, so
//! a wrong kind does not compile. A plain function runs as a callback on the runtime
//! (`call_soon` is spawning it), after the tasks spawned before it have had their first step.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures::future::join_all;
use tokio::task::JoinHandle;

/// What the runner can be given.
enum Job {
    /// An `async fn`, not yet called (`iscoroutinefunction`).
    CoroutineFunction(fn() -> Pin<Box<dyn Future<Output = ()> + Send>>),
    /// A future, an `async fn` already called (`iscoroutine`).
    Coroutine(Pin<Box<dyn Future<Output = ()> + Send>>),
    /// A plain function.
    Function(fn()),
}

#[derive(Default)]
struct TaskRunner {
    tasks: Vec<Job>,
}

impl TaskRunner {
    fn add_task(&mut self, job: Job) {
        self.tasks.push(job);
    }

    async fn run_all(self) -> Result<(), tokio::task::JoinError> {
        let mut awaitable_tasks: Vec<JoinHandle<()>> = Vec::new();
        for task in self.tasks {
            match task {
                Job::CoroutineFunction(function) => awaitable_tasks.push(tokio::spawn(function())),
                Job::Coroutine(coroutine) => awaitable_tasks.push(tokio::spawn(coroutine)),
                Job::Function(function) => {
                    let _callback = asyncio_blocks::call_soon(function);
                }
            }
        }
        for result in join_all(awaitable_tasks).await {
            result?;
        }
        Ok(())
    }

    /// `run()`: on a runtime of its own, like `loop.run_until_complete`.
    fn run(self) -> Result<(), tokio::task::JoinError> {
        util::run(self.run_all())
    }
}

fn regular_function() {
    println!("Hello from a regular function!");
}

async fn coroutine_function() {
    println!("Running coroutine, sleeping!");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("Finished sleeping!");
}

#[util::plain_main]
fn main() -> Result<(), tokio::task::JoinError> {
    let mut runner = TaskRunner::default();
    runner.add_task(Job::CoroutineFunction(|| Box::pin(coroutine_function())));
    runner.add_task(Job::Coroutine(Box::pin(coroutine_function())));
    runner.add_task(Job::Function(regular_function));
    runner.run()
}
