//! `asyncio.BoundedSemaphore`: a semaphore that refuses to be released more often than it was
//! acquired.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;

/// `asyncio.BoundedSemaphore(value)`.
///
/// Python's pair `await sem.acquire()` / `sem.release()` is here too, and `release` returns
/// [`OverRelease`] (Python's `ValueError`) when it would lift the count above the starting
/// value. [`permit`](BoundedSemaphore::permit) is the `async with sem:` form: it returns a
/// guard that releases when dropped, so it can never over-release.
///
/// `acquire` is cancel-safe and fair (first come, first served), because it is tokio's
/// `Semaphore::acquire` underneath.
///
/// # Crates checked
///
/// - `tokio::sync::Semaphore` is the engine, but its `add_permits` raises the count silently
///   (up to `usize::MAX >> 3`); there is no bound to check against. Its RAII permits make a
///   double release impossible, which is the better design for new code; the bound matters
///   when code releases by hand, as Python does.
/// - `async-lock`'s `Semaphore` and `futures-intrusive`'s release through RAII guards and have
///   no bounded mode either: there is nothing to report an extra release with.
#[derive(Debug)]
pub struct BoundedSemaphore {
    permits: Semaphore,
    bound: usize,
    /// Permits handed out by `acquire` and not yet given back by `release`.
    taken: AtomicUsize,
}

/// `release()` was called more times than `acquire()`: Python's `ValueError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverRelease {
    /// The semaphore's starting value.
    pub bound: usize,
}

impl fmt::Display for OverRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Python's message, word for word.
        f.write_str("BoundedSemaphore released too many times")
    }
}

impl std::error::Error for OverRelease {}

impl BoundedSemaphore {
    /// A semaphore with `value` permits, which is also its upper bound.
    ///
    /// # Panics
    ///
    /// If `value` is above [`Semaphore::MAX_PERMITS`] (`usize::MAX >> 3`), as
    /// `Semaphore::new` does. Python has no upper limit; a bound that large is a bug.
    pub fn new(value: usize) -> Self {
        Self {
            permits: Semaphore::new(value),
            bound: value,
            taken: AtomicUsize::new(0),
        }
    }

    /// Waits for a permit and keeps it until [`release`](BoundedSemaphore::release)
    /// (`await sem.acquire()`).
    pub async fn acquire(&self) {
        // The semaphore is never closed, so acquire cannot fail.
        if let Ok(permit) = self.permits.acquire().await {
            permit.forget();
            self.taken.fetch_add(1, Ordering::AcqRel);
        }
    }

    /// Gives one permit back (`sem.release()`), or returns [`OverRelease`] and changes
    /// nothing if every permit is already back.
    pub fn release(&self) -> Result<(), OverRelease> {
        self.taken
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |taken| {
                taken.checked_sub(1)
            })
            .map_err(|_| OverRelease { bound: self.bound })?;
        self.permits.add_permits(1);
        Ok(())
    }

    /// Waits for a permit and returns a guard that releases it when dropped
    /// (`async with sem:`). Do not also call [`release`](BoundedSemaphore::release) for a
    /// permit a guard holds: the count cannot tell whose permit comes back.
    pub async fn permit(&self) -> BoundedPermit<'_> {
        self.acquire().await;
        BoundedPermit { semaphore: self }
    }

    /// Whether `acquire` would have to wait (`sem.locked()`).
    pub fn locked(&self) -> bool {
        self.permits.available_permits() == 0
    }

    /// The permits free right now (Python's private `_value`).
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }

    /// The starting value, which `release` never goes above.
    pub fn bound(&self) -> usize {
        self.bound
    }
}

/// A permit from [`BoundedSemaphore::permit`]; dropping it releases it.
#[derive(Debug)]
#[must_use = "the permit is released as soon as it is dropped"]
pub struct BoundedPermit<'a> {
    semaphore: &'a BoundedSemaphore,
}

impl Drop for BoundedPermit<'_> {
    fn drop(&mut self) {
        // This guard took one permit, so giving one back cannot exceed the bound. Mixing guards
        // with hand-made `release()` calls breaks that: an extra `release()` returns another
        // holder's permit early, and this drop then finds the count full and gives nothing
        // back. Use one style or the other, as with `acquire`/`release` in Python.
        let _ = self.semaphore.release();
    }
}
