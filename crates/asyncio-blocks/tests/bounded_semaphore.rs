mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use asyncio_blocks::{BoundedSemaphore, OverRelease};
use common::{Rng, yield_times};

#[tokio::test]
async fn releasing_more_than_acquired_is_an_error_and_changes_nothing() {
    let semaphore = BoundedSemaphore::new(2);
    assert_eq!(semaphore.release(), Err(OverRelease { bound: 2 }));
    semaphore.acquire().await;
    semaphore.acquire().await;
    assert!(semaphore.locked());
    assert_eq!(semaphore.release(), Ok(()));
    assert_eq!(semaphore.release(), Ok(()));
    assert_eq!(semaphore.release(), Err(OverRelease { bound: 2 }));
    assert_eq!(semaphore.available(), 2);
    assert_eq!(
        OverRelease { bound: 2 }.to_string(),
        "BoundedSemaphore released too many times"
    );
}

#[tokio::test]
async fn a_permit_guard_releases_on_drop_and_never_overshoots() {
    let semaphore = BoundedSemaphore::new(1);
    {
        let _permit = semaphore.permit().await;
        assert!(semaphore.locked());
        // Releasing by hand what the guard holds: the guard's own release then finds
        // nothing to return instead of lifting the count to 2.
        semaphore.release().unwrap();
    }
    assert_eq!(semaphore.available(), 1);
}

/// Counts the tasks holding a permit, and the most ever seen at once.
struct Inside<'a>(&'a AtomicUsize);

impl<'a> Inside<'a> {
    fn enter(inside: &'a AtomicUsize, most: &AtomicUsize) -> Self {
        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(now, Ordering::SeqCst);
        Self(inside)
    }
}

impl Drop for Inside<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_tasks_never_exceed_the_limit_even_when_cancelled() {
    let semaphore = Arc::new(BoundedSemaphore::new(3));
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut rng = Rng::new(42);
    let mut tasks = Vec::new();
    for i in 0..3000 {
        let (semaphore, inside, most) = (
            Arc::clone(&semaphore),
            Arc::clone(&inside),
            Arc::clone(&most),
        );
        let (work, patience) = (rng.below(4), rng.below(30));
        let work_inside = async move {
            let _permit = semaphore.permit().await;
            // Declared after the permit, so dropped before it, also when cancelled.
            let _counted = Inside::enter(&inside, &most);
            yield_times(work).await;
        };
        tasks.push(tokio::spawn(async move {
            if i % 4 == 0 {
                // Give up after a while: cancels the wait, or the work while holding a permit.
                tokio::select! {
                    _ = work_inside => {}
                    _ = yield_times(patience) => {}
                }
            } else {
                work_inside.await;
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(
        most.load(Ordering::SeqCst),
        3,
        "the limit was reached but never passed"
    );
    assert_eq!(semaphore.available(), 3, "no permit was lost or invented");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_double_releases_fail_exactly_once_each() {
    let semaphore = Arc::new(BoundedSemaphore::new(4));
    let failures = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..2000)
        .map(|_| {
            let (semaphore, failures) = (Arc::clone(&semaphore), Arc::clone(&failures));
            tokio::spawn(async move {
                semaphore.acquire().await;
                tokio::task::yield_now().await;
                for _ in 0..2 {
                    if semaphore.release().is_err() {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    // Each task's second release either failed, or was accepted in place of a release
    // another task had not made yet (whose own release then failed): one failure each.
    assert_eq!(failures.load(Ordering::Relaxed), 2000);
    assert_eq!(semaphore.available(), 4);
}
