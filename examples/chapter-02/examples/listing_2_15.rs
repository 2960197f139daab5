//! Listing 2.15: awaiting a future that a task fills in.
//!
//! The Rust twin of `chapter_02/listing_2_15.py`. `make_request` returns an empty future at
//! once and starts a task that sets its value a second later; `main` awaits the value.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_15
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Is the future done? False
//! Is the future done? True
//! 42
//! ```
//!
//! The container is `tokio::sync::SetOnce`, shared through an `Arc` between the task that sets
//! it and `main`, which reads it. Its methods line up with asyncio's `Future`: `set` is
//! `set_result` (a second `set` fails, like `InvalidStateError`), `initialized()` is `done()`,
//! `get()` is `result()`, and `wait().await` is `await future`. Any number of tasks can wait for
//! the same value. It has no exception or cancelled state: put a `Result` inside if you need
//! one. With a single reader, a `oneshot` channel (Listing 2.14) does the same job.
//!
//! `make_request` is a plain function that spawns, exactly as in Python; `tokio::spawn` only
//! needs to be called from inside the runtime, which `main` is.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::SetOnce;

fn make_request() -> Arc<SetOnce<i32>> {
    let future = Arc::new(SetOnce::new());
    tokio::spawn(set_future_value(Arc::clone(&future)));
    future
}

async fn set_future_value(future: Arc<SetOnce<i32>>) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    future
        .set(42)
        .expect("only this task sets the value, and only once");
}

/// Python prints booleans capitalised.
fn python_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

#[util::main]
async fn main() {
    let future = make_request();
    println!("Is the future done? {}", python_bool(future.initialized()));
    let value = *future.wait().await;
    println!("Is the future done? {}", python_bool(future.initialized()));
    println!("{value}");
}
