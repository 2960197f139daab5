//! Listing 12.8: equal priorities come out in no particular order.
//!
//! The Rust twin of `chapter_12/listing_12_8.py`. Listing 12.6 with three items of the same
//! priority, put in first, second, third: a heap does not keep the order of equal items, and
//! they come out third, second, first.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_8
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Processing work item WorkItem(priority=1, data='High priority')
//! Processing work item WorkItem(priority=2, data='Medium priority')
//! Processing work item WorkItem(priority=3, data='Lowest priority third')
//! Processing work item WorkItem(priority=3, data='Lowest priority second')
//! Processing work item WorkItem(priority=3, data='Lowest priority')
//! ```
//!
//! Where Rust differs: nothing in the order, and that is worth knowing. `std`'s `BinaryHeap`
//! (under `asyncio_blocks::PriorityQueue`) moves items the way Python's `heapq` does, pushing
//! up past strictly smaller parents and popping down the smaller child, right on a tie, so the
//! equal items come out in the same order as in Python; a test keeps it so. Neither promises
//! an order for equal items: Listing 12.9 adds one.

use std::cmp::Ordering;
use std::fmt;

use asyncio_blocks::PriorityQueue;
use util::py::PyStr;

struct WorkItem {
    priority: u32,
    data: &'static str,
}

impl PartialEq for WorkItem {
    fn eq(&self, other: &Self) -> bool {
        self.priority == other.priority
    }
}

impl Eq for WorkItem {}

impl PartialOrd for WorkItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for WorkItem {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority.cmp(&other.priority)
    }
}

impl fmt::Display for WorkItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "WorkItem(priority={}, data={})",
            self.priority,
            PyStr(self.data)
        )
    }
}

async fn worker(queue: &PriorityQueue<WorkItem>) {
    while !queue.empty() {
        let work_item = queue.get().await;
        println!("Processing work item {work_item}");
        queue.task_done().expect("one task_done per get");
    }
}

#[util::main]
async fn main() {
    let priority_queue = PriorityQueue::new(0);
    let work_items = [
        WorkItem {
            priority: 3,
            data: "Lowest priority",
        },
        WorkItem {
            priority: 3,
            data: "Lowest priority second",
        },
        WorkItem {
            priority: 3,
            data: "Lowest priority third",
        },
        WorkItem {
            priority: 2,
            data: "Medium priority",
        },
        WorkItem {
            priority: 1,
            data: "High priority",
        },
    ];
    for work in work_items {
        priority_queue
            .put_nowait(work)
            .map_err(|_| ())
            .expect("an unbounded queue is never full");
    }
    tokio::join!(priority_queue.join(), worker(&priority_queue));
}
