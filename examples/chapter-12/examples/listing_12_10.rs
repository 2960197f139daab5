//! Listing 12.10: a LIFO queue: the last item in is the first out.
//!
//! The Rust twin of `chapter_12/listing_12_10.py`. The same five items in a `LifoQueue`: they
//! come out in the reverse of the order they went in, whatever their priority.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_10
//! ```
//!
//! Expected output (0 s):
//! ```text
//! Processing work item WorkItem(priority=1, order=5, data='High priority')
//! Processing work item WorkItem(priority=2, order=4, data='Medium priority')
//! Processing work item WorkItem(priority=3, order=3, data='Lowest priority third')
//! Processing work item WorkItem(priority=3, order=2, data='Lowest priority second')
//! Processing work item WorkItem(priority=3, order=1, data='Lowest priority first')
//! ```
//!
//! Where Rust differs: `asyncio.LifoQueue` is `asyncio_blocks::LifoQueue`, a `Vec` used as a
//! stack with asyncio's `task_done`/`join`; the items need no order at all here (the ordering
//! is kept from Listing 12.9, as the book keeps its dataclass).

use std::fmt;

use asyncio_blocks::LifoQueue;
use util::py::PyStr;

/// `@dataclass(order=True)` with `data` left out of the comparison: the derived order compares
/// `priority`, then `order`, the fields before `data`, which is compared by nothing.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct WorkItem {
    priority: u32,
    order: u32,
    data: Unordered,
}

/// A field that every comparison ignores (`field(compare=False)`).
struct Unordered(&'static str);

impl PartialEq for Unordered {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Unordered {}

impl PartialOrd for Unordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Unordered {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl fmt::Display for WorkItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (priority, order, data) = (self.priority, self.order, PyStr(self.data.0));
        write!(
            f,
            "WorkItem(priority={priority}, order={order}, data={data})"
        )
    }
}

async fn worker(queue: &LifoQueue<WorkItem>) {
    while !queue.empty() {
        let work_item = queue.get().await;
        println!("Processing work item {work_item}");
        queue.task_done().expect("one task_done per get");
    }
}

#[util::main]
async fn main() {
    let queue = LifoQueue::new(0);
    let work_items = [
        (3, 1, "Lowest priority first"),
        (3, 2, "Lowest priority second"),
        (3, 3, "Lowest priority third"),
        (2, 4, "Medium priority"),
        (1, 5, "High priority"),
    ];
    for (priority, order, data) in work_items {
        let work = WorkItem {
            priority,
            order,
            data: Unordered(data),
        };
        queue
            .put_nowait(work)
            .map_err(|_| ())
            .expect("an unbounded queue is never full");
    }
    tokio::join!(queue.join(), worker(&queue));
}
