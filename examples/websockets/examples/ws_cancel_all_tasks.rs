//! Snippet 4: when one task fails, cancel every task that is still running
//!
//! From "A deeper look at async and concurrent programming in Python", section "task
//! cancellation". The inspector runs a sender task and a receiver task. If anything fails, the
//! article cancels every task of the loop (`for task in asyncio.all_tasks(loop): task.cancel()`)
//! so that none is left holding the socket. Here the receiver fails after 1 s on an unreadable
//! frame while the sender is still waiting for replies; the sender must not be left behind.
//!
//! Run with:
//! ```text
//! cargo run --example ws_cancel_all_tasks
//! ```
//!
//! Expected output (1 s):
//! ```text
//! sender: waiting for replies
//! receiver: reading frames
//! receiver: failed: unreadable frame "{oops"
//! cancelling the tasks still running: 1
//! sender: cancelled while waiting
//! all tasks ended; get_widgets would log the error and return []
//! ```
//!
//! Where Rust differs:
//! - There is no stable `all_tasks()`. The program keeps its own tasks in a `JoinSet`, the set
//!   the article's loop walks over. `join_next()` returns the first task to end, like
//!   `gather` raising the first exception; `shutdown()` then aborts the others *and waits* for
//!   them, so nothing of the conversation is still running afterwards.
//! - `abort()` is `cancel()`, but no `CancelledError` is raised in the task: the task is dropped
//!   at the `.await` where it is parked, and its `Drop` code runs (the sender's guard prints).
//!   A task busy without an `.await` could not be stopped until it reached one.

use std::time::Duration;

use tokio::task::JoinSet;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Prints when the sender is dropped while it still waits.
struct WaitingForReplies;

impl Drop for WaitingForReplies {
    fn drop(&mut self) {
        println!("sender: cancelled while waiting");
    }
}

async fn sender() -> Result<(), BoxError> {
    let _waiting = WaitingForReplies;
    println!("sender: waiting for replies");
    // The replies it waits for will never come: the receiver is about to fail.
    std::future::pending::<()>().await;
    Ok(())
}

async fn receiver() -> Result<(), BoxError> {
    println!("receiver: reading frames");
    tokio::time::sleep(Duration::from_secs(1)).await;
    Err(r#"unreadable frame "{oops""#.into())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let mut tasks = JoinSet::new();
    tasks.spawn(sender());
    tasks.spawn(receiver());

    // The first task to finish is the receiver, with its error. (`?` only passes on a panic.)
    let first = tasks.join_next().await.expect("two tasks were spawned")?;
    if let Err(error) = first {
        println!("receiver: failed: {error}");
        println!("cancelling the tasks still running: {}", tasks.len());
        tasks.shutdown().await;
    }
    println!("all tasks ended; get_widgets would log the error and return []");
    Ok(())
}
