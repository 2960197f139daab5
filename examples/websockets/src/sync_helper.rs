//! The send/receive sync helper: what the sender and the receiver share.
//!
//! The Python class keeps four things, and so does this one: the ids sent but not yet answered
//! (with the method each was sent with), the replies received but not yet acted on, and the
//! "a new reply arrived" signal, an `asyncio.Event` there.
//!
//! The Event is the workspace's `asyncio_blocks::Event` (`set`, `clear`, `is_set`, `wait`), as
//! everywhere an asyncio Event is mirrored. The lists sit behind a `std::sync::Mutex`: it is
//! never held across an `.await`, so the async mutex would only cost more. The whole helper is
//! shared between the two tasks through an `Arc`.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use asyncio_blocks::Event;
use serde_json::Value;

/// A reply the receiver has handed over to the sender, which will send the follow-up requests.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub id: u64,
    /// The method of the request it answers (`GetDocument` or `GetWidgetContainer`).
    pub method: &'static str,
    pub result: Value,
}

#[derive(Debug, Default)]
struct Lists {
    pending: HashMap<u64, &'static str>,
    unhandled: Vec<Reply>,
}

/// Shared by the sender and the receiver of one conversation.
#[derive(Debug)]
pub struct SendReceiveSyncHelper {
    lists: Mutex<Lists>,
    new_reply: Event,
}

impl Default for SendReceiveSyncHelper {
    fn default() -> Self {
        Self::new()
    }
}

impl SendReceiveSyncHelper {
    pub fn new() -> Self {
        Self {
            lists: Mutex::default(),
            new_reply: Event::new(),
        }
    }

    fn lists(&self) -> MutexGuard<'_, Lists> {
        // A panic while holding the lock cannot leave the lists half-updated (every update is
        // one call), so a poisoned lock is still safe to use.
        self.lists
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records that request `id` was sent with `method`. Call it *before* sending: on a
    /// multi-thread runtime the reply may otherwise arrive before its id is known.
    pub fn add_pending_reply_id(&self, id: u64, method: &'static str) {
        self.lists().pending.insert(id, method);
    }

    /// The method request `id` was sent with, if it is still waiting for its reply.
    pub fn pending_method(&self, id: u64) -> Option<&'static str> {
        self.lists().pending.get(&id).copied()
    }

    pub fn remove_pending_reply_id(&self, id: u64) {
        self.lists().pending.remove(&id);
    }

    pub fn pending_count(&self) -> usize {
        self.lists().pending.len()
    }

    pub fn add_unhandled_reply(&self, reply: Reply) {
        self.lists().unhandled.push(reply);
    }

    /// Hands every unhandled reply over to the caller, leaving the list empty.
    pub fn take_unhandled_replies(&self) -> Vec<Reply> {
        std::mem::take(&mut self.lists().unhandled)
    }

    /// Nothing is waiting for a reply and nothing received is left to act on: the
    /// conversation is over and the socket can be closed.
    pub fn all_replies_processed(&self) -> bool {
        let lists = self.lists();
        lists.pending.is_empty() && lists.unhandled.is_empty()
    }

    /// The receiver's side of the Event: `event.set()`.
    pub fn notify_new_reply(&self) {
        self.new_reply.set();
    }

    /// Whether the signal is raised: `event.is_set()`.
    pub fn is_there_reply_notification(&self) -> bool {
        self.new_reply.is_set()
    }

    /// The sender's side: waits until the signal is raised, then lowers it (`await
    /// event.wait(); event.clear()`). Lowering it *before* taking the unhandled replies means a
    /// reply that lands in between raises it again, so it is never missed.
    pub async fn wait_for_replies(&self) {
        self.new_reply.wait().await;
        self.new_reply.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn processed_only_when_nothing_is_pending_or_unhandled() {
        let helper = SendReceiveSyncHelper::new();
        assert!(helper.all_replies_processed());
        helper.add_pending_reply_id(1, "GetDocument");
        assert!(!helper.all_replies_processed());
        assert_eq!(helper.pending_method(1), Some("GetDocument"));
        // The receiver's order: queue the reply first, then forget the id.
        helper.add_unhandled_reply(Reply {
            id: 1,
            method: "GetDocument",
            result: json!({}),
        });
        helper.remove_pending_reply_id(1);
        assert!(!helper.all_replies_processed());
        assert_eq!(helper.take_unhandled_replies().len(), 1);
        assert!(helper.all_replies_processed());
        assert_eq!(helper.pending_method(1), None);
    }

    #[tokio::test(start_paused = true)]
    async fn waiting_wakes_on_the_signal_and_lowers_it() {
        let helper = Arc::new(SendReceiveSyncHelper::new());
        let notifier = Arc::clone(&helper);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            notifier.notify_new_reply();
        });
        let started = tokio::time::Instant::now();
        helper.wait_for_replies().await;
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        assert!(!helper.is_there_reply_notification());
    }

    #[tokio::test]
    async fn a_signal_raised_before_waiting_is_not_lost() {
        let helper = SendReceiveSyncHelper::new();
        helper.notify_new_reply();
        assert!(helper.is_there_reply_notification());
        helper.wait_for_replies().await; // returns at once
        assert!(!helper.is_there_reply_notification());
    }
}
