//! Section 5.2.3: LifoQueue, last in, first out
//!
//! The Rust twin of the article's `asyncio.LifoQueue` section: the same methods as `Queue`,
//! but the item put last comes out first, like a stack (Python's is a `list` with `append`
//! and `pop`).
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_2_3_lifo_queue
//! ```
//!
//! Expected output (0 s):
//! ```text
//! put 1
//! put 2
//! put 3
//! put 4
//! put 5
//! got 5
//! got 4
//! got 3
//! got 2
//! got 1
//! ```
//!
//! Where Rust differs: no async queue crate offers this order, so `asyncio_blocks::LifoQueue`
//! keeps its items in a `Vec` and pushes and pops at the end, the same as Python's `list`.

use asyncio_blocks::LifoQueue;

#[util::main]
async fn main() {
    let queue = LifoQueue::new(0);
    for item in 1..=5 {
        queue.put(item).await;
        println!("put {item}");
    }
    while let Ok(item) = queue.get_nowait() {
        println!("got {item}");
    }
}
