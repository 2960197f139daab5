//! `asyncio.all_tasks()`: the tasks alive on util's runtime, with their names.
//!
//! tokio's stable API can only count the tasks (`RuntimeMetrics::num_alive_tasks`). Through the
//! runtime hooks (see [`crate::hooks`]) util's runtime keeps a list: each task from its spawn to
//! its end, with where it was spawned and the name of the first `#[async_timed]` function (or
//! [`crate::debug::watch`]ed future) it ran. Debug mode names slow tasks from this list. What
//! asyncio's `print_stack()` shows, where each task is suspended, needs tokio's `taskdump`
//! feature (`Handle::dump`), which this workspace does not enable.
//!
//! Without the hooks (a build without `--cfg tokio_unstable`) the list stays empty.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::panic::Location;
use std::sync::{Mutex, MutexGuard};

use tokio::runtime::{self, Handle};
use tokio::task::Id;

/// A live task, as [`all`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskInfo {
    pub id: Id,
    /// The first `#[async_timed]` function or watched future the task ran, if any.
    pub name: Option<&'static str>,
    /// Where it was spawned (the `tokio::spawn` call, or the `JoinSet::spawn`).
    pub spawned_at: &'static Location<'static>,
    runtime: Option<runtime::Id>,
}

/// `<Task cpu_bound_work>`, or `<Task-7 at examples/listing_2_19.rs:57>` for a task that ran
/// nothing with a name.
impl fmt::Display for TaskInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            Some(name) => f.write_str(name),
            None => write!(
                f,
                "Task-{} at {}:{}",
                self.id,
                self.spawned_at.file(),
                self.spawned_at.line()
            ),
        }
    }
}

// Ordered by id, which is the order of spawning.
static TASKS: Mutex<BTreeMap<Id, TaskInfo>> = Mutex::new(BTreeMap::new());

thread_local! {
    // The task being polled on this thread, and whether it ended inside that poll: tokio runs
    // the end hook before the after-poll hook, which still needs the task's name.
    static POLLING: Cell<Option<Id>> = const { Cell::new(None) };
    static ENDED_IN_POLL: Cell<bool> = const { Cell::new(false) };
}

fn tasks() -> MutexGuard<'static, BTreeMap<Id, TaskInfo>> {
    // Plain data: a panic elsewhere while the lock was held leaves nothing half-done.
    TASKS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The tasks alive now on the current runtime, in the order they were spawned:
/// `asyncio.all_tasks()`. The `main` future is not among them (tokio does not run it as a
/// task, see [`crate::runtime`]).
pub fn all() -> Vec<TaskInfo> {
    let here = Handle::try_current().ok().map(|handle| handle.id());
    tasks()
        .values()
        .filter(|task| task.runtime == here)
        .copied()
        .collect()
}

/// The task running now, if it is one the hooks saw: `asyncio.current_task()`.
pub fn current() -> Option<TaskInfo> {
    let id = tokio::task::try_id()?;
    tasks().get(&id).copied()
}

pub(crate) fn spawned(id: Id, spawned_at: &'static Location<'static>) {
    tasks().insert(
        id,
        TaskInfo {
            id,
            name: None,
            spawned_at,
            // The hook runs inside the runtime that spawns.
            runtime: Handle::try_current().ok().map(|handle| handle.id()),
        },
    );
}

/// Names the task running now, unless it has a name already.
pub(crate) fn name_current(name: &'static str) {
    let Some(id) = tokio::task::try_id() else {
        return;
    };
    if let Some(task) = tasks().get_mut(&id) {
        task.name.get_or_insert(name);
    }
}

/// What debug mode calls task `id`.
pub(crate) fn label(id: Id) -> String {
    match tasks().get(&id) {
        Some(task) => task.to_string(),
        None => format!("Task-{id}"),
    }
}

pub(crate) fn poll_starts(id: Id) {
    POLLING.set(Some(id));
}

pub(crate) fn poll_ends(id: Id) {
    POLLING.set(None);
    if ENDED_IN_POLL.take() {
        tasks().remove(&id);
    }
}

pub(crate) fn ended(id: Id) {
    if POLLING.get() == Some(id) {
        // Ended inside its poll, on this thread: `poll_ends` forgets it.
        ENDED_IN_POLL.set(true);
    } else {
        tasks().remove(&id);
    }
}
