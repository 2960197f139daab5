//! Section 4.2.1: `asyncio.wait(..., return_when=FIRST_COMPLETED)`.
//!
//! `wait` returns as soon as one task is done. Here `say_hello` takes 1 s and `say_world` 2 s,
//! so `wait` returns after 1 s with one task in each set. The pending task keeps running: the
//! program then waits for it too, and it finishes at 2 s.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_1_wait_first_completed
//! ```
//!
//! Expected output (2 s):
//! ```text
//! in say_hello
//! in say_world
//! done after 1 s: ["Hello"]
//! pending: 1 task(s)
//! the pending task kept running and returned "World"
//! ```
//!
//! Where Rust differs: FIRST_COMPLETED is a single `join_next()` on the `JoinSet`; the set
//! then holds exactly the pending tasks. (For plain futures rather than tasks,
//! `futures::future::select_all` does the same and hands back the unfinished ones; but
//! dropping those cancels them, where pending tasks go on running.)

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn say_hello() -> String {
    println!("in say_hello");
    sleep(Duration::from_secs(1)).await;
    "Hello".to_string()
}

async fn say_world() -> String {
    println!("in say_world");
    sleep(Duration::from_secs(2)).await;
    "World".to_string()
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    tasks.spawn(say_hello());
    tasks.spawn(say_world());

    // `done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)`
    let first = tasks.join_next().await.ok_or("no tasks to wait for")??;
    println!(
        "done after {} s: {:?}",
        started.elapsed().as_secs(),
        [first]
    );
    println!("pending: {} task(s)", tasks.len());

    while let Some(value) = tasks.join_next().await {
        println!("the pending task kept running and returned {:?}", value?);
    }
    Ok(())
}
