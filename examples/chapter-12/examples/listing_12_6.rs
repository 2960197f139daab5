//! Listing 12.6: a priority queue of work items ordered by their priority alone.
//!
//! The Rust twin of `chapter_12/listing_12_6.py`. A dataclass with `order=True` and its data
//! field left out of the comparison (`field(compare=False)`): items compare by priority only.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_6
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Processing work item WorkItem(priority=1, data='High priority')
//! Processing work item WorkItem(priority=2, data='Medium priority')
//! Processing work item WorkItem(priority=3, data='Lowest priority')
//! ```
//!
//! Where Rust differs: the comparison is written out: `Ord` and `PartialEq` implemented on the
//! priority only are `order=True` with `compare=False` on `data`. `#[derive(Ord)]` would compare
//! every field, like a dataclass without `compare=False`. The `Display` impl is the dataclass's
//! generated `repr`.

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
