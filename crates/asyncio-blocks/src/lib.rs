//! The asyncio building blocks that tokio and the well-kept crates around it do not have.
//!
//! Most of `asyncio`'s synchronisation primitives have a direct tokio twin, and the examples
//! use those directly: `asyncio.Lock` is [`tokio::sync::Mutex`], `asyncio.Semaphore` is
//! [`tokio::sync::Semaphore`], `asyncio.Barrier` is [`tokio::sync::Barrier`], a one-consumer
//! queue is [`tokio::sync::mpsc`], a worker pool's queue is `async-channel`. This crate holds
//! only what has no such twin, each written small enough to read in one sitting:
//!
//! | asyncio | here | why tokio's nearest thing is not enough |
//! |---|---|---|
//! | `Event` | [`Event`] | `Notify` has no flag; `watch<bool>` misses a `set()` followed at once by `clear()`, and wakes in no fixed order |
//! | `Condition` | [`Condition`] | tokio has no condition variable; `Notify::notify_one` stores a permit when nobody waits |
//! | `BoundedSemaphore` | [`BoundedSemaphore`] | `Semaphore::add_permits` raises the count silently |
//! | `Queue`, `PriorityQueue`, `LifoQueue` | [`Queue`], [`PriorityQueue`], [`LifoQueue`] | no channel has `task_done` / `join`, smallest-first or last-in-first-out order |
//! | `call_soon`, `call_later`, `call_at` | [`call_soon`], [`call_later`], [`call_at`] | tokio has tasks, not callbacks; a `JoinHandle` has no `when()` and no "was it cancelled before it ran" flag |
//! | `StreamReader.readline` | [`readline`] | `read_until` has no limit: a client that never sends a newline grows the line without end |
//!
//! None of these panic on a misuse that Python reports with an exception (an extra `release`,
//! an extra `task_done`, `put_nowait` on a full queue...): those return an error value. What
//! Python only catches at run time, such as `notify()` without holding the lock, does not
//! compile here.

mod bounded_semaphore;
mod condition;
mod event;
mod queue;
mod readline;
mod timer;

pub use bounded_semaphore::{BoundedPermit, BoundedSemaphore, OverRelease};
pub use condition::{CondGuard, Condition};
pub use event::Event;
pub use queue::{
    Fifo, JoinableQueue, Lifo, LifoQueue, Order, Priority, PriorityQueue, Queue, QueueEmpty,
    QueueFull, TaskDoneTooOften,
};
pub use readline::{LINE_LIMIT, readline};
pub use timer::{Handle, TimerHandle, call_at, call_later, call_soon};
