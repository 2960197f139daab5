//! Section 5.2.2: PriorityQueue, smallest first
//!
//! The Rust twin of the article's `asyncio.PriorityQueue` section. Items are
//! `(priority, data)` pairs and the smallest comes out first, as with `heapq`; pairs with the
//! same priority are ordered by their data, exactly as Python compares tuples.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_2_2_priority_queue
//! ```
//!
//! Expected output (0 s):
//! ```text
//! put (3, 'write the report')
//! put (1, 'fix the outage')
//! put (2, 'answer the email')
//! put (1, 'call the customer back')
//! got (1, 'call the customer back')
//! got (1, 'fix the outage')
//! got (2, 'answer the email')
//! got (3, 'write the report')
//! ```
//!
//! Where Rust differs: Python compares items at run time and fails only when two cannot be
//! compared (`(1, 2)` against `(1, 'x')`); Rust asks for `Ord` at compile time, so a queue
//! whose items cannot be ordered does not compile. Tuples are ordered element by element, like
//! Python's. `std::collections::BinaryHeap` gives the largest first, so
//! `asyncio_blocks::PriorityQueue` keeps `Reverse(item)` inside it.

use asyncio_blocks::PriorityQueue;

#[util::main]
async fn main() {
    let queue = PriorityQueue::new(0);
    for (priority, job) in [
        (3, "write the report"),
        (1, "fix the outage"),
        (2, "answer the email"),
        (1, "call the customer back"),
    ] {
        queue.put((priority, job)).await;
        println!("put ({priority}, '{job}')");
    }
    while !queue.empty() {
        let (priority, job) = queue.get().await;
        println!("got ({priority}, '{job}')");
    }
}
