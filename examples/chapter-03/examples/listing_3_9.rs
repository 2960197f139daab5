//! Listing 3.9: a signal handler that cancels every task.
//!
//! The Rust twin of `chapter_03/listing_3_9.py`. The program waits on `delay(10)`; Ctrl-C
//! (SIGINT) runs a handler that says so and cancels every task, which ends the program with the
//! main task's cancellation.
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_9                 # press Ctrl-C before 10 s are up
//! ```
//!
//! Expected output (10 s), left alone:
//! ```text
//! sleeping for 10 second(s)
//! finished sleeping for 10 second(s)
//! ```
//! With Ctrl-C during the sleep: `sleeping for 10 second(s)`, `Got a SIGINT!`,
//! `Cancelling 1 task(s).`, and on stderr `Error: the main task was cancelled` with exit
//! status 1, where Python prints the `CancelledError` traceback.
//!
//! Where Rust differs:
//! - asyncio runs `main()` as a task; tokio's `block_on` future is not one, so the listing's
//!   main runs as a spawned task here, which the handler can cancel.
//! - `loop.add_signal_handler(SIGINT, cancel_tasks)` is a stream of signals,
//!   `tokio::signal::unix::signal(SignalKind::interrupt())`, raced against the main task.
//! - `asyncio.all_tasks()` has no stable tokio API; `util::tasks::all()` lists the tasks of
//!   util's runtime. Cancelling is `abort()` on a task's handle: the task is dropped at its
//!   `.await`, and awaiting the handle gives a cancelled `JoinError`.

use tokio::signal::unix::{SignalKind, signal};
use util::delay;

async fn listing_main() {
    delay(10).await;
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut main_task = tokio::spawn(listing_main());

    let finished = tokio::select! {
        finished = &mut main_task => finished,
        _ = sigint.recv() => {
            // `cancel_tasks`
            println!("Got a SIGINT!");
            let tasks = util::tasks::all();
            println!("Cancelling {} task(s).", tasks.len());
            main_task.abort();
            main_task.await
        }
    };
    match finished {
        Err(error) if error.is_cancelled() => Err("the main task was cancelled".into()),
        other => Ok(other?),
    }
}
