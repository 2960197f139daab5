//! Listing 10.9: retrying a call, each try with a timeout and a pause between tries.

use std::fmt;
use std::future::Future;
use std::time::Duration;

/// `TooManyRetries`: every try failed or took too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyRetries;

impl fmt::Display for TooManyRetries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("every try failed or timed out")
    }
}

impl std::error::Error for TooManyRetries {}

/// `await retry(coro, max_retries, timeout, retry_interval)`: calls `coro` up to
/// `max_retries` times, giving each call `timeout` to finish and pausing `retry_interval`
/// after each failure, which is logged (`logging.exception` in the book, an error event
/// here). Returns the first success.
///
/// The book passes a function that makes a coroutine, because a coroutine can be awaited only
/// once; here it is a closure that makes a future, for the same reason. A call that runs out
/// of time is dropped, which is how Rust cancels it (`wait_for` cancels the task).
///
/// # Errors
/// [`TooManyRetries`] when no try succeeded.
pub async fn retry<T, E, F, Fut>(
    mut coro: F,
    max_retries: usize,
    timeout: Duration,
    retry_interval: Duration,
) -> Result<T, TooManyRetries>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: fmt::Display,
{
    for retry_num in 0..max_retries {
        match tokio::time::timeout(timeout, coro()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => {
                tracing::error!(
                    "Exception while waiting (tried {retry_num} times), retrying: {error}"
                );
            }
            Err(elapsed) => {
                tracing::error!(
                    "Exception while waiting (tried {retry_num} times), retrying: {elapsed}"
                );
            }
        }
        tokio::time::sleep(retry_interval).await;
    }
    Err(TooManyRetries)
}
