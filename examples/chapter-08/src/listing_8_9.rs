//! Listing 8.9: a store that keeps the last messages and redraws them at each new one.
//!
//! `deque(maxlen=n)` is a `VecDeque` that drops its oldest item when a new one would make it
//! longer than `n`. The book's callback is a coroutine that awaits nothing (writing to the
//! terminal is a blocking write either way), so here it is a plain function and `append` a
//! plain method: nothing in them can wait, and no task runs between the append and the redraw.

use std::collections::VecDeque;
use std::sync::Mutex;

/// `MessageStore(callback, max_size)`: shared by the tasks that append to it (in an `Arc`).
#[derive(Debug)]
pub struct MessageStore<F> {
    deque: Mutex<VecDeque<String>>,
    max_size: usize,
    callback: F,
}

impl<F: Fn(&VecDeque<String>)> MessageStore<F> {
    /// A store of at most `max_size` messages that calls `callback` with all of them after
    /// each append.
    pub fn new(callback: F, max_size: usize) -> Self {
        MessageStore {
            deque: Mutex::new(VecDeque::with_capacity(max_size)),
            max_size,
            callback,
        }
    }

    /// `await message_store.append(item)`: keeps `item`, forgetting the oldest message if the
    /// store is full, and redraws.
    pub fn append(&self, item: String) {
        // Poisoned only if a redraw panicked; the messages are still whole.
        let mut deque = self
            .deque
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if deque.len() == self.max_size {
            deque.pop_front();
        }
        if self.max_size > 0 {
            deque.push_back(item);
        }
        (self.callback)(&deque);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn keeps_the_last_messages_and_shows_each_state() {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&shown);
        let store = MessageStore::new(
            move |items: &VecDeque<String>| {
                let items: Vec<String> = items.iter().cloned().collect();
                seen.lock().unwrap().push(items.join(","));
            },
            2,
        );
        for item in ["a", "b", "c"] {
            store.append(item.to_owned());
        }
        assert_eq!(*shown.lock().unwrap(), ["a", "a,b", "b,c"]);
    }
}
