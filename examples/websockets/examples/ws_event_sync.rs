//! The sender/receiver synchronisation: an Event, a list of pending ids, a list of replies
//!
//! From "A deeper look at async and concurrent programming in Python", section "task
//! synchronisation" and its two figures. The sender starts the work and sleeps until the
//! receiver signals that replies arrived; it then acts on them (sends the follow-up requests)
//! and sleeps again. They share the `SendReceiveSyncHelper`: the ids still waiting for a reply,
//! the replies not yet handled, and the new-reply event. Work is over when both lists are empty.
//!
//! To watch the signal alone, the WebSocket is left out: the receiver below plays a fixed
//! timeline of replies (the article's figures: the document, its two containers, their two
//! widgets). The helper is the real one from `crates/doc-inspector`.
//!
//! Run with:
//! ```text
//! cargo run --example ws_event_sync
//! ```
//!
//! Expected output (3.5 s):
//! ```text
//! [0.0 s] sender: GetDocument sent (id 1), waiting for the signal
//! [1.0 s] receiver: reply 1 (GetDocument) queued, signal raised
//! [1.0 s] sender: woke up with 1 reply to handle
//! [1.0 s] sender: GetWidgetContainer sent (ids 2, 3)
//! [2.0 s] receiver: reply 3 (GetWidgetContainer) queued, signal raised
//! [2.0 s] sender: woke up with 1 reply to handle
//! [2.0 s] sender: GetWidgetProperties sent (id 4)
//! [2.5 s] receiver: reply 2 (GetWidgetContainer) queued, signal raised
//! [2.5 s] sender: woke up with 1 reply to handle
//! [2.5 s] sender: GetWidgetProperties sent (id 5)
//! [3.0 s] receiver: reply 4 (GetWidgetProperties) kept, signal raised
//! [3.0 s] sender: woke up with 0 replies to handle
//! [3.5 s] receiver: reply 5 (GetWidgetProperties) kept, signal raised
//! [3.5 s] sender: woke up with 0 replies to handle
//! [3.5 s] sender: nothing pending, nothing unhandled: closing
//! ```
//!
//! Where Rust differs:
//! - `asyncio.Event` is the workspace's `asyncio_blocks::Event` inside the helper, with the
//!   same `set()`, `clear()`, `is_set()` and `wait()`. tokio has no event that can be cleared;
//!   `Notify` would wake the sender too, but it cannot answer `is_set()`.
//! - A channel (`mpsc`) is the more usual Rust answer: the receiver would send each reply to the
//!   sender, and the queue would be both the buffer and the signal. The article needs more than a
//!   queue, though: the pending ids decide when the conversation is over, and both tasks read
//!   them. So the shared state stays, behind a `Mutex` in an `Arc`, and the signal only wakes.
//! - The sender clears the signal *before* taking the replies, so that one arriving in between
//!   raises it again instead of being lost.

use std::sync::Arc;
use std::time::Duration;

use doc_engine::protocol::{GET_DOCUMENT, GET_WIDGET_CONTAINER, GET_WIDGET_PROPERTIES};
use serde_json::Value;
use tokio::time::{Instant, sleep_until};
use websockets::SendReceiveSyncHelper;
use websockets::sync_helper::Reply;

/// When each reply arrives, in seconds after the start: out of order, as over a real socket.
const TIMELINE: [(f64, u64); 5] = [(1.0, 1), (2.0, 3), (2.5, 2), (3.0, 4), (3.5, 5)];

fn log(start: Instant, line: &str) {
    println!("[{:.1} s] {line}", start.elapsed().as_secs_f64());
}

async fn receiver(helper: Arc<SendReceiveSyncHelper>, start: Instant) {
    for (at, id) in TIMELINE {
        sleep_until(start + Duration::from_secs_f64(at)).await;
        let Some(method) = helper.pending_method(id) else {
            continue; // not asked for (yet): the real receiver logs and skips it
        };
        let fate = if method == GET_WIDGET_PROPERTIES {
            "kept" // widget properties are the receiver's own result
        } else {
            // What the reply says does not matter here, only that it is there.
            let reply = Reply {
                id,
                method,
                result: Value::Null,
            };
            helper.add_unhandled_reply(reply);
            "queued"
        };
        helper.remove_pending_reply_id(id);
        log(
            start,
            &format!("receiver: reply {id} ({method}) {fate}, signal raised"),
        );
        helper.notify_new_reply();
    }
}

async fn sender(helper: Arc<SendReceiveSyncHelper>, start: Instant) {
    let mut next_id = 1..;
    let mut send = |method: &'static str, count: usize| -> Vec<String> {
        let ids: Vec<u64> = next_id.by_ref().take(count).collect();
        for &id in &ids {
            helper.add_pending_reply_id(id, method);
        }
        ids.iter().map(u64::to_string).collect()
    };
    let ids = send(GET_DOCUMENT, 1);
    let waiting = format!(
        "sender: GetDocument sent (id {}), waiting for the signal",
        ids[0]
    );
    log(start, &waiting);
    while !helper.all_replies_processed() {
        helper.wait_for_replies().await;
        let replies = helper.take_unhandled_replies();
        let plural = if replies.len() == 1 {
            "reply"
        } else {
            "replies"
        };
        log(
            start,
            &format!("sender: woke up with {} {plural} to handle", replies.len()),
        );
        for reply in replies {
            // A document has two containers; a container holds one widget.
            let (method, count, noun) = match reply.method {
                GET_DOCUMENT => (GET_WIDGET_CONTAINER, 2, "ids"),
                _ => (GET_WIDGET_PROPERTIES, 1, "id"),
            };
            let ids = send(method, count).join(", ");
            log(start, &format!("sender: {method} sent ({noun} {ids})"));
        }
    }
    log(start, "sender: nothing pending, nothing unhandled: closing");
}

#[util::main]
async fn main() {
    let helper = Arc::new(SendReceiveSyncHelper::new());
    let start = Instant::now();
    // `gather(sender, receiver)`; the sender runs first, so GetDocument is pending in time.
    tokio::join!(
        sender(Arc::clone(&helper), start),
        receiver(Arc::clone(&helper), start)
    );
}
