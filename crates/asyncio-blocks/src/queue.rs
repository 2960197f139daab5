//! `asyncio.Queue`, `PriorityQueue` and `LifoQueue`, with `task_done` and `join`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;
use std::sync::{Mutex, MutexGuard};

use tokio::sync::Semaphore;

use crate::Event;

/// The order in which a [`JoinableQueue`] hands its items out: [`Fifo`], [`Priority`] or
/// [`Lifo`], the three orders asyncio has. Each names the container that keeps the items.
pub trait Order<T> {
    /// Where the items wait.
    type Store: Default;
    /// Adds an item.
    fn push(store: &mut Self::Store, item: T);
    /// Takes the next item out, or `None` if there is none.
    fn pop(store: &mut Self::Store) -> Option<T>;
    /// How many items wait.
    fn len(store: &Self::Store) -> usize;
}

/// First in, first out (`asyncio.Queue`).
#[derive(Debug)]
pub enum Fifo {}

/// Smallest first (`asyncio.PriorityQueue`, which is a `heapq` inside): `(1, "a")` comes out
/// before `(2, "b")`. Equal items come out in no particular order, as in Python.
#[derive(Debug)]
pub enum Priority {}

/// Last in, first out (`asyncio.LifoQueue`).
#[derive(Debug)]
pub enum Lifo {}

impl<T> Order<T> for Fifo {
    type Store = VecDeque<T>;
    fn push(store: &mut Self::Store, item: T) {
        store.push_back(item);
    }
    fn pop(store: &mut Self::Store) -> Option<T> {
        store.pop_front()
    }
    fn len(store: &Self::Store) -> usize {
        store.len()
    }
}

impl<T: Ord> Order<T> for Priority {
    // `BinaryHeap` is a max-heap; `Reverse` turns it into heapq's min-heap.
    type Store = BinaryHeap<Reverse<T>>;
    fn push(store: &mut Self::Store, item: T) {
        store.push(Reverse(item));
    }
    fn pop(store: &mut Self::Store) -> Option<T> {
        store.pop().map(|Reverse(item)| item)
    }
    fn len(store: &Self::Store) -> usize {
        store.len()
    }
}

impl<T> Order<T> for Lifo {
    type Store = Vec<T>;
    fn push(store: &mut Self::Store, item: T) {
        store.push(item);
    }
    fn pop(store: &mut Self::Store) -> Option<T> {
        store.pop()
    }
    fn len(store: &Self::Store) -> usize {
        store.len()
    }
}

/// `asyncio.Queue`: first in, first out.
pub type Queue<T> = JoinableQueue<T, Fifo>;
/// `asyncio.PriorityQueue`: smallest item first.
pub type PriorityQueue<T> = JoinableQueue<T, Priority>;
/// `asyncio.LifoQueue`: last in, first out.
pub type LifoQueue<T> = JoinableQueue<T, Lifo>;

/// An asyncio queue: [`put`](JoinableQueue::put) / [`get`](JoinableQueue::get) that wait,
/// [`put_nowait`](JoinableQueue::put_nowait) / [`get_nowait`](JoinableQueue::get_nowait)
/// that return [`QueueFull`] / [`QueueEmpty`], `maxsize` back-pressure, and the
/// [`task_done`](JoinableQueue::task_done) / [`join`](JoinableQueue::join) pair. Use it
/// through [`Queue`], [`PriorityQueue`] or [`LifoQueue`]; share it with `Arc`.
///
/// How it works: the items sit in a plain container under a `std::sync::Mutex` (never held
/// across an `.await`). One semaphore counts the items, so `get` waits on it; another counts
/// the free places when there is a `maxsize`, so `put` waits on it. Both waits are tokio's
/// `Semaphore::acquire`, so they are fair (first come, first served) and cancel-safe: a `get`
/// dropped while waiting takes nothing out, and a `put` dropped while waiting puts nothing in
/// (its item is dropped with it).
///
/// One small difference from Python: when a `get` is already waiting and an item arrives, the
/// item is promised to that waiter at once, so a `get_nowait` from another task in between
/// returns `QueueEmpty` even though `qsize()` still counts the item. asyncio lets the
/// `get_nowait` take it and sends the woken getter back to waiting.
///
/// # Crates checked
///
/// - `tokio::sync::mpsc` has `maxsize` back-pressure and the `try_` variants, but one
///   consumer only, FIFO only, and no `task_done` / `join`; `channel(0)` panics.
/// - `async-channel` is multi-consumer (use it for a plain worker-pool queue), FIFO only, no
///   `task_done` / `join`.
/// - `async-priority-channel` 0.2.0 (last release January 2024) hands out the *largest*
///   priority first and has no `join`.
/// - No crate found has a last-in-first-out async queue or asyncio's `join`.
pub struct JoinableQueue<T, O: Order<T> = Fifo> {
    inner: Mutex<Inner<O::Store>>,
    /// One permit per item in the store that no `get` has claimed yet.
    items: Semaphore,
    /// One permit per free place; `None` for an unbounded queue (`maxsize <= 0` in Python).
    places: Option<Semaphore>,
    maxsize: usize,
    /// Set while no item is unfinished: what `join` waits for (asyncio uses an Event too).
    finished: Event,
}

struct Inner<S> {
    store: S,
    /// Items put and not yet marked with `task_done`.
    unfinished: usize,
}

/// `put_nowait` on a full queue: Python's `asyncio.QueueFull`. The item is handed back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFull<T>(pub T);

/// `get_nowait` on an empty queue: Python's `asyncio.QueueEmpty`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueEmpty;

/// `task_done` called more times than items were put: Python's `ValueError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDoneTooOften;

impl<T> fmt::Display for QueueFull<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("queue is full")
    }
}

impl fmt::Display for QueueEmpty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("queue is empty")
    }
}

impl fmt::Display for TaskDoneTooOften {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("task_done() called too many times")
    }
}

impl<T: fmt::Debug> std::error::Error for QueueFull<T> {}
impl std::error::Error for QueueEmpty {}
impl std::error::Error for TaskDoneTooOften {}

impl<T, O: Order<T>> JoinableQueue<T, O> {
    /// A queue that holds at most `maxsize` items; `0` means no limit, as in Python.
    pub fn new(maxsize: usize) -> Self {
        let finished = Event::new();
        finished.set();
        Self {
            inner: Mutex::new(Inner {
                store: O::Store::default(),
                unfinished: 0,
            }),
            items: Semaphore::new(0),
            // tokio's semaphore panics above `MAX_PERMITS` (2^61 - 1); Python takes any
            // `maxsize`. No queue can hold that many items, so the cap changes nothing else.
            places: (maxsize > 0).then(|| Semaphore::new(maxsize.min(Semaphore::MAX_PERMITS))),
            maxsize,
            finished,
        }
    }

    fn inner(&self) -> MutexGuard<'_, Inner<O::Store>> {
        // Nothing panics while the lock is held (the container calls are plain pushes and
        // pops), so a poisoned lock still guards consistent data.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Puts an item in, waiting while the queue is full (`await queue.put(item)`).
    pub async fn put(&self, item: T) {
        if let Some(places) = &self.places {
            // Never closed, so acquire cannot fail. `forget` because the place is given back
            // by the `get` that takes the item out, not by us.
            if let Ok(place) = places.acquire().await {
                place.forget();
            }
        }
        self.store(item);
    }

    /// Puts an item in if there is room, or hands it back in [`QueueFull`]
    /// (`queue.put_nowait(item)`).
    pub fn put_nowait(&self, item: T) -> Result<(), QueueFull<T>> {
        if let Some(places) = &self.places {
            match places.try_acquire() {
                Ok(place) => place.forget(),
                Err(_) => return Err(QueueFull(item)),
            }
        }
        self.store(item);
        Ok(())
    }

    fn store(&self, item: T) {
        let mut inner = self.inner();
        O::push(&mut inner.store, item);
        inner.unfinished += 1;
        self.finished.clear();
        drop(inner);
        self.items.add_permits(1);
    }

    /// Takes the next item out, waiting while the queue is empty (`await queue.get()`).
    pub async fn get(&self) -> T {
        // Never closed, so acquire cannot fail. The claim is forgotten because the item it
        // stands for leaves the queue now.
        let claim = self.items.acquire().await.expect("the queue never closes");
        claim.forget();
        self.take()
            .expect("each claimed permit stands for a stored item")
    }

    /// Takes the next item out, or returns [`QueueEmpty`] (`queue.get_nowait()`).
    pub fn get_nowait(&self) -> Result<T, QueueEmpty> {
        let claim = self.items.try_acquire().map_err(|_| QueueEmpty)?;
        claim.forget();
        Ok(self
            .take()
            .expect("each claimed permit stands for a stored item"))
    }

    fn take(&self) -> Option<T> {
        let item = O::pop(&mut self.inner().store)?;
        if let Some(places) = &self.places {
            places.add_permits(1);
        }
        Some(item)
    }

    /// Marks one item taken out earlier as processed (`queue.task_done()`). When every item
    /// put so far is processed, [`join`](JoinableQueue::join) returns. Calling it more often
    /// than items were put returns [`TaskDoneTooOften`] and changes nothing.
    pub fn task_done(&self) -> Result<(), TaskDoneTooOften> {
        let mut inner = self.inner();
        inner.unfinished = inner.unfinished.checked_sub(1).ok_or(TaskDoneTooOften)?;
        if inner.unfinished == 0 {
            self.finished.set();
        }
        Ok(())
    }

    /// Waits until every item put so far has been marked with `task_done`
    /// (`await queue.join()`); returns at once if none is unfinished. Cancel-safe.
    pub async fn join(&self) {
        self.finished.wait().await;
    }

    /// The number of items in the queue (`queue.qsize()`).
    pub fn qsize(&self) -> usize {
        O::len(&self.inner().store)
    }

    /// Whether the queue holds no item (`queue.empty()`).
    pub fn empty(&self) -> bool {
        self.qsize() == 0
    }

    /// Whether the queue holds `maxsize` items; never true without a limit (`queue.full()`).
    pub fn full(&self) -> bool {
        self.maxsize > 0 && self.qsize() >= self.maxsize
    }

    /// The limit given to [`new`](JoinableQueue::new); 0 means none.
    pub fn maxsize(&self) -> usize {
        self.maxsize
    }

    /// Items put and not yet marked with `task_done` (Python's private `_unfinished_tasks`).
    pub fn unfinished(&self) -> usize {
        self.inner().unfinished
    }
}

impl<T, O: Order<T>> fmt::Debug for JoinableQueue<T, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinableQueue")
            .field("maxsize", &self.maxsize)
            .field("qsize", &self.qsize())
            .field("unfinished", &self.unfinished())
            .finish()
    }
}
