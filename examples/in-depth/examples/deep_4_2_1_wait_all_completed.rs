//! Section 4.2.1: `asyncio.wait(...)` with the default `return_when=ALL_COMPLETED`.
//!
//! With no timeout, `wait` returns once every task is done, and the pending set is empty, as the
//! article says. `say_hello` takes 1 s and `say_world` 2 s, so it returns at 2 s.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_1_wait_all_completed
//! ```
//!
//! Expected output (2 s):
//! ```text
//! done: ["Hello", "World"]
//! pending: 0 task(s)
//! ```
//!
//! Where Rust differs: ALL_COMPLETED is draining the `JoinSet` with `join_next()` until it is
//! empty, collecting values in completion order. (`JoinSet::join_all()` does it in one call, but
//! it consumes the set and turns a task's panic into a panic of the caller.) Python hands back a
//! set of tasks and you call `result()` on each; here the values come out directly.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

async fn say_hello() -> String {
    sleep(Duration::from_secs(1)).await;
    "Hello".to_string()
}

async fn say_world() -> String {
    sleep(Duration::from_secs(2)).await;
    "World".to_string()
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[util::main]
async fn main() -> Result<(), BoxError> {
    let mut tasks = JoinSet::new();
    // Spawned in the "wrong" order: results still come out as the tasks finish.
    tasks.spawn(say_world());
    tasks.spawn(say_hello());

    // `done, pending = await asyncio.wait(tasks)`
    let mut done = Vec::new();
    while let Some(value) = tasks.join_next().await {
        done.push(value?);
    }
    println!("done: {done:?}");
    println!("pending: {} task(s)", tasks.len());
    Ok(())
}
