//! Section 8.1: the producer-consumer pattern, with a bounded queue between the two.
//!
//! The article describes the pattern without code; this is the program it describes. The
//! producer makes an item every 0.3 s, the consumer needs 1 s per item, and the queue holds at
//! most 2. Once the queue is full the producer waits in `put` until the consumer takes one out
//! (watch "produced 3" arrive together with "consumed 0"). `main` then waits on `queue.join()`
//! until every item has been marked done, and stops the consumer.
//!
//! Run with:
//! ```text
//! cargo run --example deep_8_1_producer_consumer
//! ```
//!
//! Expected output (5.3 s):
//! ```text
//! [0.3 s] produced 0
//! [0.6 s] produced 1
//! [0.9 s] produced 2
//! [1.3 s] consumed 0
//! [1.3 s] produced 3
//! [2.3 s] consumed 1
//! [2.3 s] produced 4
//! [3.3 s] consumed 2
//! [4.3 s] consumed 3
//! [5.3 s] consumed 4
//! [5.3 s] queue.join() returned: every item is processed
//! ```
//!
//! Where Rust differs:
//! - `asyncio_blocks::Queue` (this workspace's crate) is `asyncio.Queue` with `task_done` and
//!   `join`; tokio's channels have neither. Without `join`, the Rust idiom is an `mpsc`
//!   channel: the producer drops its sender when done, the consumer's `recv()` returns `None`,
//!   and `main` awaits the consumer task.
//! - Cancelling the consumer is `abort()` on its handle: it lands at its next `.await`, here the
//!   `get()` it is parked in, and `get` is cancel-safe, so no item is lost.

use std::sync::Arc;
use std::time::Duration;

use asyncio_blocks::Queue;
use tokio::time::{Instant, sleep};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn stamp(started: Instant) -> String {
    format!("[{:.1} s]", started.elapsed().as_secs_f64())
}

async fn producer(queue: Arc<Queue<u32>>, started: Instant) {
    for item in 0..5 {
        sleep(Duration::from_millis(300)).await; // making the item
        queue.put(item).await; // waits while the queue is full
        println!("{} produced {item}", stamp(started));
    }
}

async fn consumer(queue: Arc<Queue<u32>>, started: Instant) -> Result<(), BoxError> {
    loop {
        let item = queue.get().await;
        sleep(Duration::from_secs(1)).await; // processing is slower than producing
        println!("{} consumed {item}", stamp(started));
        queue.task_done()?;
    }
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();
    let queue = Arc::new(Queue::new(2));
    let consuming = tokio::spawn(consumer(Arc::clone(&queue), started));

    producer(Arc::clone(&queue), started).await;
    queue.join().await;
    println!(
        "{} queue.join() returned: every item is processed",
        stamp(started)
    );

    consuming.abort();
    // The consumer only ends by this abort; anything else is its error.
    match consuming.await {
        Err(error) if error.is_cancelled() => Ok(()),
        Err(error) => Err(error.into()),
        Ok(result) => result,
    }
}
