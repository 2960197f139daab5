//! Section 5.2.1: Queue, its methods, and a producer with a consumer
//!
//! The Rust twin of the article's `asyncio.Queue` section (its listing is a picture; this is
//! the program its text describes). First every method on a small queue: `qsize`, `empty`,
//! `full`, the `_nowait` variants and their errors, and `task_done` called once too often.
//! Then the producer and consumer: the producer puts five items into a queue of `maxsize=2`
//! and is held back whenever it is full; the consumer takes each item, spends a second on it
//! and calls `task_done`; `join` returns when the last one is done.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_2_1_queue
//! ```
//!
//! Expected output (5 s):
//! ```text
//! qsize: 0, empty: true, full: false
//! get_nowait: queue is empty
//! put_nowait 'a' and 'b': qsize 2, full: true
//! put_nowait 'c': queue is full
//! get_nowait: 'a', then 'b'
//! task_done twice: ok
//! task_done a third time: task_done() called too many times
//! put 0, qsize 1
//! put 1, qsize 2
//! consumer got 0
//! put 2, qsize 2
//! consumer done with 0
//! consumer got 1
//! put 3, qsize 2
//! consumer done with 1
//! consumer got 2
//! put 4, qsize 2
//! producer finished
//! consumer done with 2
//! consumer got 3
//! consumer done with 3
//! consumer got 4
//! consumer done with 4
//! join() returned: every item is processed
//! ```
//!
//! Where Rust differs: tokio's `mpsc` channel is the everyday queue (one consumer, `maxsize`
//! is the capacity), and `async-channel` is the one for several consumers, but neither has
//! `task_done` / `join`, so this uses `asyncio_blocks::Queue`. The `_nowait` errors are values
//! (`QueueFull` hands the item back) rather than exceptions. The consumer runs forever, as in
//! the article, and is cancelled at the end: `abort()` here, `cancel()` there. In Rust the more
//! common ending is to drop the senders of a channel, let the consumer see the channel close,
//! and await its handle.

use std::sync::Arc;
use std::time::Duration;

use asyncio_blocks::Queue;

async fn producer(queue: Arc<Queue<u32>>) {
    for item in 0..5 {
        // Waits while the queue already holds `maxsize` items.
        queue.put(item).await;
        println!("put {item}, qsize {}", queue.qsize());
    }
    println!("producer finished");
}

async fn consumer(queue: Arc<Queue<u32>>) -> Result<(), asyncio_blocks::TaskDoneTooOften> {
    loop {
        let item = queue.get().await;
        println!("consumer got {item}");
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("consumer done with {item}");
        queue.task_done()?;
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn every_method() -> Result<(), BoxError> {
    let queue = Queue::new(2);
    println!(
        "qsize: {}, empty: {}, full: {}",
        queue.qsize(),
        queue.empty(),
        queue.full()
    );
    // The errors Python raises are values here; `if let Err` is the `except` clause.
    if let Err(error) = queue.get_nowait() {
        println!("get_nowait: {error}");
    }
    queue.put_nowait('a')?;
    queue.put_nowait('b')?;
    println!(
        "put_nowait 'a' and 'b': qsize {}, full: {}",
        queue.qsize(),
        queue.full()
    );
    if let Err(error) = queue.put_nowait('c') {
        println!("put_nowait 'c': {error}");
    }
    let (first, second) = (queue.get_nowait()?, queue.get_nowait()?);
    println!("get_nowait: '{first}', then '{second}'");
    queue.task_done()?;
    queue.task_done()?;
    println!("task_done twice: ok");
    if let Err(error) = queue.task_done() {
        println!("task_done a third time: {error}");
    }
    Ok(())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    every_method()?;

    let queue = Arc::new(Queue::new(2));
    let producing = tokio::spawn(producer(Arc::clone(&queue)));
    let consuming = tokio::spawn(consumer(Arc::clone(&queue)));
    producing.await?;
    queue.join().await;
    println!("join() returned: every item is processed");
    consuming.abort();
    Ok(())
}
