//! Section 4.2.2: `as_completed` with a timeout that passes: `asyncio.TimeoutError`.
//!
//! The article points out that, unlike `wait`, `as_completed` raises `TimeoutError` when its
//! time is up. Here `say_hello` takes 1 s, `say_world` 3 s and the limit is 2 s: `"Hello"`
//! arrives, and at 2 s the next `await` raises instead of giving `"World"`.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_2_as_completed_timeout
//! ```
//!
//! Expected output (2 s):
//! ```text
//! got Hello
//! TimeoutError after 2 s; collected ["Hello"]
//! ```
//!
//! Where Rust differs:
//! - `timeout_at` returns `Err(Elapsed)` instead of raising, and the program matches on it
//!   where Python would write `except asyncio.TimeoutError`.
//! - `as_completed` wraps coroutines in tasks, which keep running after the timeout until the
//!   loop closes. The futures in a `FuturesUnordered` are not tasks: when the stream is dropped,
//!   `say_world` is dropped with it, mid-sleep. Spawn them (a `JoinSet`) to keep them running.

use std::time::Duration;

use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use tokio::time::{Instant, sleep, timeout_at};

async fn say_hello() -> String {
    sleep(Duration::from_secs(1)).await;
    "Hello".to_string()
}

async fn say_world() -> String {
    sleep(Duration::from_secs(3)).await;
    "World".to_string()
}

#[util::main]
async fn main() {
    let started = Instant::now();
    let coros: Vec<BoxFuture<'static, String>> = vec![Box::pin(say_hello()), Box::pin(say_world())];
    let mut in_flight: FuturesUnordered<_> = coros.into_iter().collect();
    let deadline = started + Duration::from_secs(2);
    let mut values = Vec::new();
    loop {
        match timeout_at(deadline, in_flight.next()).await {
            Ok(Some(value)) => {
                println!("got {value}");
                values.push(value);
            }
            Ok(None) => break,
            Err(_elapsed) => {
                let waited = started.elapsed().as_secs();
                println!("TimeoutError after {waited} s; collected {values:?}");
                break;
            }
        }
    }
}
