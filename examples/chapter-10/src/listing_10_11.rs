//! Listing 10.11: a circuit breaker, which stops calling a service that keeps failing.
//!
//! Closed, it calls the service, each call with a timeout, and counts the failures; a count
//! older than `time_window` starts again. At `max_failures` it opens: calls fail at once,
//! without reaching the service, until `reset_interval` has passed since the last call made;
//! then it closes again and calls.
//!
//! The book's `datetime.now()` is the wall clock; here it is `tokio::time::Instant`, the
//! runtime's clock, which the tests pause and advance: the 9 s of Listing 10.12 then take no
//! time, exactly.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// Why [`CircuitBreaker::request`] did not return the service's answer.
#[derive(Debug, PartialEq, Eq)]
pub enum BreakerError<E> {
    /// `CircuitOpenException`: the circuit is open; the service was not called.
    Open,
    /// The call took longer than the timeout (`asyncio.TimeoutError`).
    TimedOut,
    /// The call failed with the service's error.
    Failed(E),
}

impl<E: fmt::Display> fmt::Display for BreakerError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BreakerError::Open => f.write_str("the circuit is open"),
            BreakerError::TimedOut => f.write_str("the call timed out"),
            BreakerError::Failed(error) => write!(f, "the call failed: {error}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for BreakerError<E> {}

/// `CircuitBreaker(callback, timeout, time_window, max_failures, reset_interval)`.
#[derive(Debug)]
pub struct CircuitBreaker<F> {
    callback: F,
    timeout: Duration,
    time_window: Duration,
    max_failures: u32,
    reset_interval: Duration,
    last_request_time: Option<Instant>,
    last_failure_time: Option<Instant>,
    current_failures: u32,
}

impl<F, Fut, T, E> CircuitBreaker<F>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    pub fn new(
        callback: F,
        timeout: Duration,
        time_window: Duration,
        max_failures: u32,
        reset_interval: Duration,
    ) -> Self {
        CircuitBreaker {
            callback,
            timeout,
            time_window,
            max_failures,
            reset_interval,
            last_request_time: None,
            last_failure_time: None,
            current_failures: 0,
        }
    }

    /// `await breaker.request()`. It takes `&mut self`: the breaker's counts change with each
    /// call, so tasks that share one put it behind a `tokio::sync::Mutex`.
    ///
    /// # Errors
    /// See [`BreakerError`].
    pub async fn request(&mut self) -> Result<T, BreakerError<E>> {
        let now = Instant::now();
        if self.current_failures >= self.max_failures {
            let waited_enough = self
                .last_request_time
                .is_some_and(|last| now > last + self.reset_interval);
            if !waited_enough {
                println!("Circuit is open, failing fast!");
                return Err(BreakerError::Open);
            }
            self.reset("Circuit is going from open to closed, resetting!");
            return self.do_request().await;
        }
        if self
            .last_failure_time
            .is_some_and(|first| now > first + self.time_window)
        {
            self.reset("Interval since first failure elapsed, resetting!");
        }
        println!("Circuit is closed, requesting!");
        self.do_request().await
    }

    fn reset(&mut self, msg: &str) {
        println!("{msg}");
        self.last_failure_time = None;
        self.current_failures = 0;
    }

    async fn do_request(&mut self) -> Result<T, BreakerError<E>> {
        println!("Making request!");
        self.last_request_time = Some(Instant::now());
        let result = match tokio::time::timeout(self.timeout, (self.callback)()).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => BreakerError::Failed(error),
            Err(_) => BreakerError::TimedOut,
        };
        self.current_failures += 1;
        self.last_failure_time.get_or_insert_with(Instant::now);
        Err(result)
    }
}
