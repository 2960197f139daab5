//! Section 3.2.3: a Future as a result container, with a done callback (`take_exam`).
//!
//! The article creates an empty `asyncio.Future`, registers `check_score` with
//! `add_done_callback`, schedules `take_exam(fut)` with `ensure_future`, and runs the loop
//! until the future has a result. After one second the exam sets the score, the callback says
//! "Passed.", and the script prints the task's result, the future's result and the return value
//! of `run_until_complete`.
//!
//! Run with:
//! ```text
//! cargo run --example deep_3_2_3_take_exam
//! ```
//!
//! Expected output (1 s):
//! ```text
//! Passed.
//! Exam is completed.
//! 100
//! 100
//! ```
//!
//! Where Rust differs:
//! - A Rust `Future` is a computation, not a box for a result. asyncio's kind of future, set by
//!   one party and read by others any number of times, is `tokio::sync::SetOnce` (`set` =
//!   `set_result`, `get` = `result`, `wait().await` = `await fut`). It holds no exception or
//!   cancelled state: put those in the value type (see `deep_3_2_2_future_api`).
//! - There is no `add_done_callback`. The twin is a task that waits for the value and then
//!   calls the callback; awaiting that task is how `main` knows the callback has run, which
//!   asyncio guarantees by running callbacks before `run_until_complete` returns.
//! - `tokio::spawn` plays `ensure_future`: it schedules the coroutine and hands back its task.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::SetOnce;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn take_exam(fut: Arc<SetOnce<u32>>) -> &'static str {
    // The exam itself: non-blocking work, stood in for by a sleep as in the article.
    tokio::time::sleep(Duration::from_secs(1)).await;
    // Setting twice would be asyncio's InvalidStateError; this is the only setter.
    fut.set(100).expect("only take_exam sets the score");
    "Exam is completed."
}

fn check_score(fut: &SetOnce<u32>) {
    let score = *fut.get().expect("called once the score is set");
    if score >= 60 {
        println!("Passed.");
    } else {
        println!("Failed.");
    }
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    // `asyncio.Future()`: an empty container that several parties can share.
    let fut = Arc::new(SetOnce::new());

    // `fut.add_done_callback(check_score)`: wait for the result, then call the function.
    let watched = Arc::clone(&fut);
    let callback = tokio::spawn(async move {
        watched.wait().await;
        check_score(&watched);
    });

    let task = tokio::spawn(take_exam(Arc::clone(&fut)));

    // `run_until_complete(fut)` returns the future's result.
    let retval = *fut.wait().await;
    callback.await?;

    // `task.result()`: the task finished in the same step that set the score.
    println!("{}", task.await?);
    // `fut.result()` can be read again and again, unlike a oneshot receiver.
    println!("{}", fut.get().expect("set above"));
    println!("{retval}");
    Ok(())
}
