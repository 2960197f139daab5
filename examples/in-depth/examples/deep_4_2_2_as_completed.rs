//! Section 4.2.2: `asyncio.as_completed`: results in the order they finish.
//!
//! The article's `main` loops over `as_completed([say_hello(), say_world()], timeout=2)`,
//! awaits each and collects the values. Here `say_hello` takes 1.5 s and `say_world` 1 s, so
//! `"World"` comes first although it was passed second, and both beat the 2 s limit.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_2_as_completed
//! ```
//!
//! Expected output (1.5 s):
//! ```text
//! ["World", "Hello"]
//! ```
//!
//! Where Rust differs:
//! - `futures::stream::FuturesUnordered` is `as_completed` for futures: a stream that yields
//!   each output as soon as it is ready. For tasks, `JoinSet::join_next()` does the same.
//! - The limit is one deadline for the whole loop (`timeout_at`), as `as_completed`'s timeout
//!   is; see `deep_4_2_2_as_completed_timeout` for what happens when it passes.
//! - The futures run inside `main`'s own task, polled by the stream; they are not spawned.

use std::time::Duration;

use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use tokio::time::{Instant, sleep, timeout_at};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn say_hello() -> String {
    sleep(Duration::from_millis(1500)).await;
    "Hello".to_string()
}

async fn say_world() -> String {
    sleep(Duration::from_secs(1)).await;
    "World".to_string()
}

async fn collect_values() -> Result<Vec<String>, BoxError> {
    // Two different future types in one collection: box them to a common type.
    let coros: Vec<BoxFuture<'static, String>> = vec![Box::pin(say_hello()), Box::pin(say_world())];
    let mut in_flight: FuturesUnordered<_> = coros.into_iter().collect();
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut values = Vec::new();
    // `for f in as_completed(coros, timeout=2): values.append(await f)`
    while let Some(value) = timeout_at(deadline, in_flight.next()).await? {
        values.push(value);
    }
    Ok(values)
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    println!("{:?}", collect_values().await?);
    Ok(())
}
