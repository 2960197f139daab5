//! Section 9, Python 3.12: eager tasks (`asyncio.eager_task_factory`). No tokio counterpart.
//!
//! With the eager task factory, `create_task(coro)` runs the coroutine's first step right away,
//! inside the call, and only makes a real task if that step does not finish it. A coroutine
//! that returns at once (a cache hit) then never costs a task or a trip through the loop,
//! which is where Python 3.12's 2x-5x speed-ups for some workloads come from.
//!
//! Run with:
//! ```text
//! cargo run --example deep_9_eager_tasks
//! ```
//!
//! Expected output (2 s):
//! ```text
//! -- tokio::spawn: lazy, like create_task --
//! spawn returned
//! job 1: first step
//! job 1: done
//! -- eager: the first step runs inside the spawn call --
//! job 2: first step
//! spawn returned
//! job 2: done
//! -- eager, and the first step finishes the job --
//! job 3 answered from the cache without a task; tasks alive: 0
//! ```
//!
//! Where Rust differs:
//! - tokio has no eager spawn and no task factory to swap. `spawn_eager` below builds one from
//!   two pieces: poll the future once in place (`futures::poll!`), and `tokio::spawn` it only
//!   if that poll returned `Pending`. It is an `async fn` because `poll!` needs a task
//!   context to poll in; the caller awaits it, and it never waits.
//! - The first poll runs with the caller's waker; the spawned task polls again at once and
//!   registers its own, which every well-behaved future does on each poll.
//! - Creating a tokio task is already cheap (one allocation, no Python objects), so the gain is
//!   smaller than in CPython; the change in ordering is the same and is what to watch for.

use std::future::Future;
use std::task::Poll;
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::task::JoinHandle;
use tokio::time::sleep;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The result of [`spawn_eager`]: finished during the first step, or running as a task.
enum Eager<T> {
    Done(T),
    Spawned(JoinHandle<T>),
}

/// Runs the future's first step now, and makes a task of it only if it is not finished.
async fn spawn_eager<F>(future: F) -> Eager<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut future = Box::pin(future);
    match futures::poll!(future.as_mut()) {
        Poll::Ready(value) => Eager::Done(value),
        Poll::Pending => Eager::Spawned(tokio::spawn(future)),
    }
}

async fn job(n: u32) -> u32 {
    println!("job {n}: first step");
    sleep(Duration::from_secs(1)).await;
    println!("job {n}: done");
    n
}

async fn cached(n: u32) -> u32 {
    n
}

async fn finish(eager: Eager<u32>) -> Result<u32, BoxError> {
    match eager {
        Eager::Done(value) => Ok(value),
        Eager::Spawned(task) => Ok(task.await?),
    }
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    println!("-- tokio::spawn: lazy, like create_task --");
    let task = tokio::spawn(job(1));
    println!("spawn returned");
    task.await?;

    println!("-- eager: the first step runs inside the spawn call --");
    let eager = spawn_eager(job(2)).await;
    println!("spawn returned");
    finish(eager).await?;

    println!("-- eager, and the first step finishes the job --");
    match spawn_eager(cached(3)).await {
        Eager::Done(n) => println!(
            "job {n} answered from the cache without a task; tasks alive: {}",
            Handle::current().metrics().num_alive_tasks()
        ),
        Eager::Spawned(task) => println!("job {} needed a task", task.await?),
    }
    Ok(())
}
