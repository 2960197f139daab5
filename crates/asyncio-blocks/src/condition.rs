//! `asyncio.Condition`: wait until another task says the shared state changed.

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex as StdMutex;

use tokio::sync::{Mutex, MutexGuard, oneshot};

/// `asyncio.Condition`, with the state it protects inside it.
///
/// Python's `Condition` wraps a `Lock` that guards nothing in particular; here, like tokio's
/// `Mutex`, the condition owns the data `T` (use `()` for none). [`lock`](Condition::lock) is
/// `async with cond:` and returns a [`CondGuard`], and everything Python allows only while the
/// lock is held is a method of that guard:
///
/// | Python | Rust |
/// |---|---|
/// | `await cond.wait()` | `guard = guard.wait().await` |
/// | `await cond.wait_for(pred)` | `guard = guard.wait_for(\|state\| pred(state)).await` |
/// | `cond.notify(n)` | `guard.notify(n)` |
/// | `cond.notify_all()` | `guard.notify_all()` |
///
/// So the `RuntimeError` Python raises for `notify()` or `wait()` without the lock cannot
/// happen: that code does not compile.
///
/// Waiters are woken in the order they started waiting. `notify(n)` wakes at most `n` of the
/// tasks waiting at that moment and is forgotten if nobody waits (unlike
/// `Notify::notify_one`, which stores a permit). A waiter that is dropped (cancelled) after a
/// notification reached it but before it got the lock back passes the wake-up on to the next
/// waiter, so a cancelled task never swallows a `notify`. `wait` is otherwise cancel-safe:
/// dropping it removes the waiter.
///
/// # Crates checked
///
/// - tokio has no condition variable. `Mutex` + `Notify` works for `notify_all`
///   (`notify_waiters`) but not for `notify(n)`: `notify_one` with nobody waiting stores a
///   permit, so a later `wait()` would return without any notification.
/// - `async-condvar-fair` 1.0.1 (last release February 2024, hosted outside GitHub) has the
///   right shape but is not a dependency we want for one short type.
/// - `event-listener` is the low-level list this type keeps by hand, without the lock pairing.
#[derive(Debug, Default)]
pub struct Condition<T = ()> {
    state: Mutex<T>,
    waiters: StdMutex<Waiters>,
}

/// The tasks waiting in `wait`, oldest first. Each holds the receiving end of its sender.
#[derive(Debug, Default)]
struct Waiters {
    next_id: u64,
    queue: VecDeque<(u64, oneshot::Sender<()>)>,
}

impl<T> Condition<T> {
    /// A condition protecting `state` (`asyncio.Condition()` is `Condition::new(())`).
    pub fn new(state: T) -> Self {
        Self {
            state: Mutex::new(state),
            waiters: StdMutex::default(),
        }
    }

    /// Takes the lock (`async with cond:`). Cancel-safe, like `tokio::sync::Mutex::lock`.
    pub async fn lock(&self) -> CondGuard<'_, T> {
        CondGuard {
            condition: self,
            guard: self.state.lock().await,
        }
    }

    /// Whether some task holds the lock (`cond.locked()`).
    pub fn locked(&self) -> bool {
        self.state.try_lock().is_err()
    }

    /// The number of tasks waiting in `wait` right now.
    pub fn waiting(&self) -> usize {
        self.waiter_list().queue.len()
    }

    fn waiter_list(&self) -> std::sync::MutexGuard<'_, Waiters> {
        // The list is only touched in short sections that cannot panic, so a poisoned lock
        // still holds a consistent list.
        self.waiters
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn enqueue(&self) -> Ticket<'_, T> {
        let (sender, receiver) = oneshot::channel();
        let mut waiters = self.waiter_list();
        let id = waiters.next_id;
        waiters.next_id += 1;
        waiters.queue.push_back((id, sender));
        Ticket {
            condition: self,
            id,
            receiver,
            notified: false,
            finished: false,
        }
    }

    /// Wakes up to `n` waiters, oldest first, skipping any that were dropped meanwhile.
    fn wake(&self, n: usize) {
        wake_in(&mut self.waiter_list(), n);
    }
}

fn wake_in(waiters: &mut Waiters, n: usize) {
    let mut woken = 0;
    while woken < n {
        let Some((_, sender)) = waiters.queue.pop_front() else {
            break;
        };
        // A failed send means the waiter is gone; it does not count.
        if sender.send(()).is_ok() {
            woken += 1;
        }
    }
}

/// One task's place in the waiter list, for the length of one `wait`.
struct Ticket<'a, T> {
    condition: &'a Condition<T>,
    id: u64,
    receiver: oneshot::Receiver<()>,
    /// A notification reached this waiter.
    notified: bool,
    /// `wait` returned: nothing to clean up.
    finished: bool,
}

impl<T> Drop for Ticket<'_, T> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // Dropped in the middle of `wait`. Under the list's lock a notification either has
        // already been sent to us or our entry is still in the list, never something between.
        let mut waiters = self.condition.waiter_list();
        if self.notified || self.receiver.try_recv().is_ok() {
            wake_in(&mut waiters, 1);
        } else {
            waiters.queue.retain(|(id, _)| *id != self.id);
        }
    }
}

/// The lock of a [`Condition`], held: read and change the state through it, wait on it,
/// notify through it. Dropping it releases the lock.
#[derive(Debug)]
pub struct CondGuard<'a, T> {
    condition: &'a Condition<T>,
    guard: MutexGuard<'a, T>,
}

impl<'a, T> CondGuard<'a, T> {
    /// Releases the lock, waits for a `notify`, takes the lock again and returns it
    /// (`await cond.wait()`).
    pub async fn wait(self) -> CondGuard<'a, T> {
        let condition = self.condition;
        // Join the list before letting go of the lock: a notifier needs the lock, so it cannot
        // slip in between and find nobody to wake.
        let mut ticket = condition.enqueue();
        drop(self.guard);
        // The sender is only dropped unsent when our own ticket removes it, so this completes
        // only through a notification.
        let _ = (&mut ticket.receiver).await;
        ticket.notified = true;
        let guard = condition.state.lock().await;
        ticket.finished = true;
        CondGuard { condition, guard }
    }

    /// Waits until `predicate` holds for the state, checking it first and then after each
    /// notification (`await cond.wait_for(predicate)`).
    pub async fn wait_for(mut self, mut predicate: impl FnMut(&T) -> bool) -> CondGuard<'a, T> {
        while !predicate(&self.guard) {
            self = self.wait().await;
        }
        self
    }

    /// Wakes up to `n` of the tasks waiting right now (`cond.notify(n)`). With nobody
    /// waiting it does nothing, and it is not remembered.
    pub fn notify(&self, n: usize) {
        self.condition.wake(n);
    }

    /// Wakes every task waiting right now (`cond.notify_all()`).
    pub fn notify_all(&self) {
        self.condition.wake(usize::MAX);
    }
}

impl<T> Deref for CondGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T> DerefMut for CondGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}
