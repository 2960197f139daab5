//! `asyncio.Event`: a flag that tasks can wait for, and that can be cleared again.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use tokio::sync::oneshot;

/// `asyncio.Event`: [`set`](Event::set), [`clear`](Event::clear), [`is_set`](Event::is_set)
/// and [`wait`](Event::wait).
///
/// Every task waiting when `set()` is called wakes up, in the order they started waiting,
/// and `wait()` returns at once while the flag is set. Like in Python, a waiter woken by
/// `set()` returns even if somebody calls `clear()` before the waiter gets to run: `set()`
/// completes each waiter's own one-shot channel, just as asyncio resolves each waiter's
/// future, so the wake-up cannot be lost.
///
/// ```
/// # tokio_test_run(async {
/// use std::sync::Arc;
/// use asyncio_blocks::Event;
///
/// let event = Arc::new(Event::new());
/// let waiter = tokio::spawn({
///     let event = Arc::clone(&event);
///     async move { event.wait().await }
/// });
/// tokio::task::yield_now().await; // let the waiter start waiting
/// event.set();
/// event.clear(); // the waiter still wakes: it was waiting when the flag was set
/// waiter.await.unwrap();
/// assert!(!event.is_set());
/// # });
/// # fn tokio_test_run(f: impl std::future::Future) {
/// #     let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
/// #     runtime.unwrap().block_on(f);
/// # }
/// ```
///
/// # Crates checked
///
/// - `tokio::sync::Notify` is not an event: it has no flag to read or clear, `notify_one`
///   stores a single permit for the next waiter, and `notify_waiters` stores nothing.
/// - `tokio::sync::watch<bool>` comes close (`send_replace(true)`, `wait_for(|set| *set)`),
///   with two differences that show in the examples' output: a waiter looks at the flag only
///   when it runs, so a `set()` followed at once by `clear()` is missed; and its waiters wake
///   in no fixed order, where asyncio wakes them in the order they started waiting.
/// - `tokio_util::sync::CancellationToken` and `tokio::sync::SetOnce` are set-once: there is no
///   way to clear them.
/// - `event-listener` (used inside async-channel) is a low-level notification list, again
///   without a flag.
#[derive(Debug, Default)]
pub struct Event {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    set: bool,
    next_id: u64,
    /// The tasks parked in `wait`, oldest first, like the futures asyncio keeps.
    waiters: VecDeque<(u64, oneshot::Sender<()>)>,
}

impl Event {
    /// A new event, not set (`asyncio.Event()`).
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Every section under this lock is a few plain field updates that cannot panic
        // halfway, so a poisoned lock still guards consistent data.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets the flag and wakes every task waiting in [`wait`](Event::wait), oldest first.
    /// Setting an event that is already set does nothing.
    pub fn set(&self) {
        let mut state = self.state();
        state.set = true;
        for (_, waiter) in state.waiters.drain(..) {
            // A failed send means that waiter was dropped meanwhile: nothing to wake.
            let _ = waiter.send(());
        }
    }

    /// Clears the flag: later calls to `wait` block until the next `set`. Tasks already woken
    /// by an earlier `set` are not affected.
    pub fn clear(&self) {
        self.state().set = false;
    }

    /// Whether the flag is set.
    pub fn is_set(&self) -> bool {
        self.state().set
    }

    /// Waits until the flag is set; returns at once if it already is.
    ///
    /// Cancel-safe: dropping the future before it completes takes the waiter off the list
    /// and leaves the event unchanged.
    pub async fn wait(&self) {
        let mut waiter = {
            let mut state = self.state();
            if state.set {
                return;
            }
            let (sender, receiver) = oneshot::channel();
            let id = state.next_id;
            state.next_id += 1;
            state.waiters.push_back((id, sender));
            Waiter {
                event: self,
                id,
                receiver,
            }
        };
        // The sender is only dropped unsent if the event itself goes away, which cannot
        // happen while `self` is borrowed; either way there is nothing left to wait for.
        let _ = (&mut waiter.receiver).await;
    }
}

/// A task's place in the list; leaving early (a dropped `wait`) removes it.
struct Waiter<'a> {
    event: &'a Event,
    id: u64,
    receiver: oneshot::Receiver<()>,
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        // After `set` our entry is gone already; this only matters for a cancelled wait.
        self.event.state().waiters.retain(|(id, _)| *id != self.id);
    }
}
