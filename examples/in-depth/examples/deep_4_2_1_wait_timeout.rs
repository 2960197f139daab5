//! Section 4.2.1: `asyncio.wait(..., timeout=1.5)`: what is done and what is still pending.
//!
//! The article calls `asyncio.wait([say_hello(), say_world()], timeout=1.5, ...)` and notes
//! that the timeout raises nothing: `wait` just returns the two sets. Here `say_hello` takes
//! 1 s and `say_world` 3 s (the article's versions return at once, so a timeout could not show),
//! and `wait` waits for all of them with a 1.5 s limit. It returns after exactly 1.5 s with
//! `say_hello` done and `say_world` pending. As in Python, the pending task is still running;
//! it is cancelled when the program ends.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_1_wait_timeout
//! ```
//!
//! Expected output (1.5 s):
//! ```text
//! in say_hello
//! in say_world
//! done: ["Hello"]
//! pending: ["say_world"]
//! ```
//!
//! Where Rust differs:
//! - tokio has no `wait`; a `JoinSet` is its set of tasks. Each finished task comes out of
//!   `join_next()`, and whatever is still inside the set is the `pending` set.
//! - The time limit is one deadline for the whole call: `timeout_at(deadline, ...)` around each
//!   `join_next()`. Hitting it drops only that `join_next()` call, which is cancel-safe, so no
//!   result is lost and no task is cancelled.
//! - A task does not know the coroutine it came from (`get_coro()`); the program keeps a map
//!   from task id to name. Dropping a `JoinSet` aborts what is left in it, the twin of
//!   `asyncio.run` cancelling leftover tasks on exit.

use std::collections::BTreeMap;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout_at};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn say_hello() -> String {
    println!("in say_hello");
    sleep(Duration::from_secs(1)).await;
    "Hello".to_string()
}

async fn say_world() -> String {
    println!("in say_world");
    sleep(Duration::from_secs(3)).await;
    "World".to_string()
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let mut tasks = JoinSet::new();
    let mut pending = BTreeMap::new();
    pending.insert(tasks.spawn(say_hello()).id(), "say_hello");
    pending.insert(tasks.spawn(say_world()).id(), "say_world");

    // `done, pending = await asyncio.wait(tasks, timeout=1.5)`
    let deadline = Instant::now() + Duration::from_millis(1500);
    let mut done = Vec::new();
    while let Ok(Some(joined)) = timeout_at(deadline, tasks.join_next_with_id()).await {
        let (id, value) = joined?;
        pending.remove(&id);
        done.push(value);
    }

    println!("done: {done:?}");
    println!("pending: {:?}", pending.values().collect::<Vec<_>>());
    Ok(())
}
