//! Listing 2.11: cancelling a task.
//!
//! The Rust twin of `chapter_02/listing_2_11.py`. A 10-second task is checked once a second and
//! cancelled after 5 checks; awaiting it then reports the cancellation.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_11
//! ```
//!
//! Expected output (6 s):
//! ```text
//! Task not finished, checking again in a second.
//! sleeping for 10 second(s)
//! Task not finished, checking again in a second.
//! Task not finished, checking again in a second.
//! Task not finished, checking again in a second.
//! Task not finished, checking again in a second.
//! Task not finished, checking again in a second.
//! Our task was cancelled
//! ```
//!
//! `task.cancel()` is `JoinHandle::abort()`, `task.done()` is `is_finished()`, and catching
//! `CancelledError` is matching a `JoinError` whose `is_cancelled()` is true.
//!
//! Like `cancel()`, `abort()` only asks. The task is stopped the next time the runtime would
//! poll it, which for a task parked in `sleep` is right away, but still after `main` yields. So,
//! as in Python, the loop sees the task unfinished once more after the abort, prints a sixth
//! line and sleeps one more second: the program ends after 6 seconds, not 5. A task that is
//! computing without reaching an `.await` cannot be stopped at all until it does.
//!
//! What stopping means differs. Python raises `CancelledError` inside the task, which may catch
//! it and clean up with `await`s. Tokio drops the task's future where it is parked: its `Drop`
//! code runs (`finished sleeping ...` is never printed), but it cannot await or refuse.

use std::time::Duration;

use util::delay;

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let long_task = tokio::spawn(delay(10));

    let mut seconds_elapsed = 0;

    while !long_task.is_finished() {
        println!("Task not finished, checking again in a second.");
        tokio::time::sleep(Duration::from_secs(1)).await;
        seconds_elapsed += 1;
        if seconds_elapsed == 5 {
            long_task.abort();
        }
    }

    // Python's `try: await long_task / except CancelledError`. Any other error (the task
    // panicked) is passed on, as an uncaught exception would be.
    if let Err(error) = long_task.await {
        if !error.is_cancelled() {
            return Err(error);
        }
        println!("Our task was cancelled");
    }
    Ok(())
}
