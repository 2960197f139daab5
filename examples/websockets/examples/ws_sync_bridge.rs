//! Snippet 6: the bridge from synchronous code to async code (`run_until_complete`)
//!
//! From "A deeper look at async and concurrent programming in Python", section "sync vs.
//! async". `get_widgets` is a plain function, not a coroutine: it creates an event loop, runs
//! the async work on it with `run_until_complete`, cancels every task if that raised, and
//! closes the loop (closing alone cancels nothing in Python: pending tasks are just destroyed,
//! with a warning). Here is that bridge alone: a synchronous `main` calls a synchronous
//! `run_until_complete` that builds a tokio runtime, blocks on one future, and drops the runtime.
//!
//! Run with:
//! ```text
//! cargo run --example ws_sync_bridge
//! ```
//!
//! Expected output:
//! ```text
//! main: no runtime on this thread
//! future: running on the runtime; spawning a task that never ends
//! leftover task: dropped with the runtime, never finished
//! main: run_until_complete returned 42
//! ```
//!
//! Where Rust differs:
//! - `asyncio.new_event_loop().run_until_complete(f)` is
//!   `Builder::new_current_thread().enable_all().build()?.block_on(f)`. The article's side note
//!   recommends `asyncio.run`; `#[tokio::main]` is its twin, for a whole program.
//! - Closing the loop is dropping the runtime, and that cancels every task left on it, always:
//!   the article's "cancel all tasks" comes for free. The task gets no `CancelledError`; it is
//!   dropped at its `.await`, and its `Drop` code runs (the line above).
//! - Calling `block_on` from inside async code panics ("Cannot start a runtime from within a
//!   runtime"), where Python raises `RuntimeError` for a loop already running. So a sync entry
//!   point like `get_widgets` must only be called from sync code, or from `spawn_blocking`.

use std::future::Future;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A new one-thread runtime per call, dropped (with its leftover tasks) before returning.
fn run_until_complete<F: Future>(future: F) -> std::io::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(future))
}

struct Leftover;

impl Drop for Leftover {
    fn drop(&mut self) {
        println!("leftover task: dropped with the runtime, never finished");
    }
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    if tokio::runtime::Handle::try_current().is_err() {
        println!("main: no runtime on this thread");
    }
    let answer = run_until_complete(async {
        println!("future: running on the runtime; spawning a task that never ends");
        tokio::spawn(async {
            let _leftover = Leftover;
            std::future::pending::<()>().await;
        });
        tokio::task::yield_now().await; // let the task start and park at its `.await`
        42
    })?;
    println!("main: run_until_complete returned {answer}");
    Ok(())
}
