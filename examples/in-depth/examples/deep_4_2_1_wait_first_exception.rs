//! Section 4.2.1: `asyncio.wait(..., return_when=FIRST_EXCEPTION)`.
//!
//! `wait` returns when a task raises, or when all are done if none does. Here `say_hello`
//! returns at 1 s, `might_fail` raises `ValueError` at 2 s and `say_world` would return at 3 s:
//! `wait` returns at 2 s with two done tasks (one of them failed) and `say_world` pending.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_1_wait_first_exception
//! ```
//!
//! Expected output (2 s):
//! ```text
//! done: [Ok("Hello"), Err("ValueError: bad luck")]
//! pending: 1 task(s)
//! ```
//!
//! Where Rust differs:
//! - An exception is the `Err` a task returns (a panic would be a `JoinError` instead); the
//!   loop stops at the first `Err`.
//! - When `main` returns, the `JoinSet` is dropped and aborts `say_world`, as `asyncio.run`
//!   cancels it at exit.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn say_hello() -> Result<String, String> {
    sleep(Duration::from_secs(1)).await;
    Ok("Hello".to_string())
}

async fn might_fail() -> Result<String, String> {
    sleep(Duration::from_secs(2)).await;
    Err("ValueError: bad luck".to_string())
}

async fn say_world() -> Result<String, String> {
    sleep(Duration::from_secs(3)).await;
    Ok("World".to_string())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let mut tasks = JoinSet::new();
    tasks.spawn(say_hello());
    tasks.spawn(might_fail());
    tasks.spawn(say_world());

    // `done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)`
    let mut done = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let outcome = joined?;
        let failed = outcome.is_err();
        done.push(outcome);
        if failed {
            break;
        }
    }

    println!("done: {done:?}");
    println!("pending: {} task(s)", tasks.len());
    Ok(())
}
