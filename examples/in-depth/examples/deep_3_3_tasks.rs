//! Section 3.3: tasks: creating them, the current task, counting them, done callbacks.
//!
//! The article creates tasks with `asyncio.Task(coro)`, `ensure_future(coro)` or
//! `loop.create_task(coro)`, and lists what a Task adds to a Future: `all_tasks()`,
//! `current_task()`, `get_stack()`. This program creates three tasks three ways, lets each
//! report its own id (`current_task`), counts the live ones, and hangs a done callback on one.
//!
//! Run with:
//! ```text
//! cargo run --example deep_3_3_tasks
//! ```
//!
//! Expected output (3 s):
//! ```text
//! main: current task = None
//! spawned 3 tasks (ids [..]); alive: 3, in the JoinSet: 1
//! worker 1 runs in task [..]
//! worker 2 runs in task [..]
//! worker 3 runs in task [..]
//! done callback: worker 1 returned 10
//! worker 2 returned 20; alive: 1
//! worker 3 returned 30; alive: 0
//! ```
//!
//! Where Rust differs:
//! - `tokio::spawn` is `create_task` / `ensure_future(coro)` / `Task(coro)` in one.
//!   `Handle::spawn` is `loop.create_task` on a runtime you chose, and `JoinSet::spawn` puts the
//!   task in a group. `ensure_future(fut)` returning its argument unchanged has no twin because
//!   it has no job: a `JoinHandle` already is a future, and types say what is awaitable.
//! - `current_task()` -> `tokio::task::try_id()`: an id, not the task object. `main`'s own
//!   future, driven by `block_on`, is not a task at all, so it sees `None`.
//! - `all_tasks()` -> nothing in tokio's stable API lists them. A runtime counts them
//!   (`metrics().num_alive_tasks()`), and the tasks you care about are the ones you keep: a
//!   `JoinSet` (or tokio-util's `JoinMap`, keyed by name). util's runtime keeps a list through
//!   tokio's unstable task hooks, `util::tasks::all()`, for the listings that print it. `get_stack()` /
//!   `print_stack()` -> only `Handle::dump()` behind `--cfg tokio_unstable`, or tokio-console.
//! - `add_done_callback` on a task -> another task that awaits the `JoinHandle`.

use std::time::Duration;

use tokio::runtime::Handle;
use tokio::task::{self, JoinSet};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn worker(n: u64) -> u64 {
    // `current_task()`: the id of the task this code is running in.
    let me = task::try_id().map_or("none".to_string(), |id| id.to_string());
    println!("worker {n} runs in task {me}");
    tokio::time::sleep(Duration::from_secs(n)).await;
    n * 10
}

fn alive() -> usize {
    Handle::current().metrics().num_alive_tasks()
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    println!("main: current task = {:?}", task::try_id());

    // `create_task(coro)`, and `ensure_future(coro)`, which does the same for a coroutine.
    let first = tokio::spawn(worker(1));
    // `loop.create_task(coro)` on a runtime chosen through its handle.
    let second = Handle::current().spawn(worker(2));
    // A task that belongs to a group: the group is the `all_tasks()` you can actually list.
    let mut group = JoinSet::new();
    let third = group.spawn(worker(3));

    println!(
        "spawned 3 tasks (ids {}, {}, {}); alive: {}, in the JoinSet: {}",
        first.id(),
        second.id(),
        third.id(),
        alive(),
        group.len()
    );

    // `first.add_done_callback(...)`: a task whose only job is to wait for `first`.
    let callback = tokio::spawn(async move {
        match first.await {
            Ok(value) => println!("done callback: worker 1 returned {value}"),
            Err(error) => println!("done callback: worker 1 failed: {error}"),
        }
    });

    let value = second.await?;
    callback.await?;
    println!("worker 2 returned {value}; alive: {}", alive());
    while let Some(value) = group.join_next().await {
        println!("worker 3 returned {}; alive: {}", value?, alive());
    }
    Ok(())
}
