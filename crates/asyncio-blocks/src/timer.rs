//! `loop.call_soon`, `loop.call_later` and `loop.call_at`, with their handles.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::AbortHandle;
use tokio::time::Instant;

/// What a handle and its scheduled callback share.
#[derive(Debug, Default)]
struct Shared {
    cancelled: bool,
    started: bool,
}

/// The handle `call_soon` returns (`asyncio.Handle`): [`cancel`](Handle::cancel) and
/// [`cancelled`](Handle::cancelled). Dropping it does not cancel anything, as in Python.
///
/// # Crates checked
///
/// - A bare `tokio::spawn(async move { sleep(d).await; callback() })` is most of it, and this
///   is built on exactly that. What its `JoinHandle` / `AbortHandle` lack is `when()`, and a
///   `cancel` that is sure to stop a callback that has not started yet: `abort()` on a
///   multi-thread runtime can race with the task starting the callback, and it reports
///   nothing once the task is done. The shared flag below settles both.
/// - `tokio_util::time::DelayQueue` keeps many deadlines with `insert` / `remove` / `reset`,
///   but it is a stream the owner polls, not a loop that calls callbacks by itself.
/// - `tokio::time::interval` is the periodic timer; it does not do one-shot callbacks.
#[derive(Debug)]
pub struct Handle {
    shared: Arc<Mutex<Shared>>,
    task: AbortHandle,
}

/// The handle `call_later` and `call_at` return (`asyncio.TimerHandle`): a [`Handle`] plus
/// [`when`](TimerHandle::when).
#[derive(Debug)]
pub struct TimerHandle {
    handle: Handle,
    when: Instant,
}

impl Handle {
    /// Cancels the callback if it has not started yet (`handle.cancel()`); otherwise does
    /// nothing. Either way [`cancelled`](Handle::cancelled) is `true` afterwards, as in Python.
    pub fn cancel(&self) {
        let mut shared = lock(&self.shared);
        shared.cancelled = true;
        if !shared.started {
            // The flag alone already stops the callback; aborting also frees its timer now.
            self.task.abort();
        }
    }

    /// Whether [`cancel`](Handle::cancel) was called (`handle.cancelled()`).
    pub fn cancelled(&self) -> bool {
        lock(&self.shared).cancelled
    }
}

impl TimerHandle {
    /// See [`Handle::cancel`].
    pub fn cancel(&self) {
        self.handle.cancel();
    }

    /// See [`Handle::cancelled`].
    pub fn cancelled(&self) -> bool {
        self.handle.cancelled()
    }

    /// When the callback is due, on tokio's clock (`timer_handle.when()`, which is a
    /// `loop.time()` value in Python).
    pub fn when(&self) -> Instant {
        self.when
    }
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    // Two booleans cannot be left half-updated, so a poisoned lock is still consistent.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn schedule(at: Option<Instant>, callback: impl FnOnce() + Send + 'static) -> Handle {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let task = tokio::spawn({
        let shared = Arc::clone(&shared);
        async move {
            if let Some(at) = at {
                tokio::time::sleep_until(at).await;
            }
            {
                let mut shared = lock(&shared);
                if shared.cancelled {
                    return;
                }
                shared.started = true;
            }
            callback();
        }
    });
    Handle {
        shared,
        task: task.abort_handle(),
    }
}

/// Runs `callback` as soon as the current task yields to the runtime
/// (`loop.call_soon(callback)`). Callbacks scheduled this way run in the order they were
/// scheduled on a `current_thread` runtime.
///
/// There is no callback queue in tokio: the callback runs in a small task of its own, so it
/// must be `Send + 'static` (pass arguments by moving them into the closure, which is also how
/// Rust does `functools.partial`). It should not block, exactly as in asyncio.
///
/// # Panics
///
/// Outside a tokio runtime, like `tokio::spawn`: a callback needs a loop to run on.
pub fn call_soon(callback: impl FnOnce() + Send + 'static) -> Handle {
    schedule(None, callback)
}

/// Runs `callback` once `delay` has passed on tokio's clock (`loop.call_later(delay,
/// callback)`). Same rules as [`call_soon`].
///
/// # Panics
///
/// Outside a tokio runtime.
pub fn call_later(delay: Duration, callback: impl FnOnce() + Send + 'static) -> TimerHandle {
    call_at(Instant::now() + delay, callback)
}

/// Runs `callback` at `when` on tokio's monotonic clock (`loop.call_at(when, callback)`).
/// Same rules as [`call_soon`]; a `when` in the past runs it as soon as possible.
///
/// The argument is a [`tokio::time::Instant`], the twin of a `loop.time()` value. The mistake
/// the article warns about, passing a wall-clock timestamp such as `time.time() + 5`, does not
/// compile here:
///
/// ```compile_fail
/// # async fn f() {
/// let wall_clock = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
/// asyncio_blocks::call_at(wall_clock, || println!("never"));
/// # }
/// ```
///
/// # Panics
///
/// Outside a tokio runtime.
pub fn call_at(when: Instant, callback: impl FnOnce() + Send + 'static) -> TimerHandle {
    TimerHandle {
        handle: schedule(Some(when), callback),
        when,
    }
}
