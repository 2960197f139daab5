//! Listing 12.5: a priority queue of tuples: the smallest comes out first.
//!
//! The Rust twin of `chapter_12/listing_12_5.py`. Three work items go in lowest priority first;
//! the worker takes them out highest priority (smallest number) first.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_5
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Processing work item (1, 'High priority')
//! Processing work item (2, 'Medium priority')
//! Processing work item (3, 'Lowest priority')
//! ```
//!
//! Where Rust differs: tuples compare element by element in both languages, so `(u32, &str)` is
//! the priority and then the text. `asyncio.PriorityQueue` is
//! `asyncio_blocks::PriorityQueue`, a heap like Python's `heapq` (`tokio` has no priority
//! channel). A tuple prints as Python's with `util::py::PyStr` for the string.

use asyncio_blocks::PriorityQueue;
use util::py::PyStr;

async fn worker(queue: &PriorityQueue<(u32, &'static str)>) {
    while !queue.empty() {
        let (priority, data) = queue.get().await;
        println!("Processing work item ({priority}, {})", PyStr(data));
        queue.task_done().expect("one task_done per get");
    }
}

#[util::main]
async fn main() {
    let priority_queue = PriorityQueue::new(0);
    let work_items = [
        (3, "Lowest priority"),
        (2, "Medium priority"),
        (1, "High priority"),
    ];
    // The book creates the worker task first; it runs only once `main` awaits, by which time
    // every item is in.
    for work in work_items {
        priority_queue
            .put_nowait(work)
            .expect("an unbounded queue is never full");
    }
    tokio::join!(priority_queue.join(), worker(&priority_queue));
}
