mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use asyncio_blocks::Condition;
use common::{Rng, within, yield_times};
use tokio::time::timeout;

/// Spawns `n` tasks that each wait once and then record their number in `woken`.
fn spawn_waiters(
    condition: &Arc<Condition<Vec<usize>>>,
    n: usize,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..n)
        .map(|i| {
            let condition = Arc::clone(condition);
            tokio::spawn(async move {
                let guard = condition.lock().await;
                let mut guard = guard.wait().await;
                guard.push(i);
            })
        })
        .collect()
}

#[tokio::test]
async fn notify_n_wakes_exactly_n_oldest_first_and_notify_all_the_rest() {
    let condition = Arc::new(Condition::new(Vec::new()));
    let _waiters = spawn_waiters(&condition, 10);
    yield_times(2).await;
    assert_eq!(condition.waiting(), 10);

    condition.lock().await.notify(3);
    yield_times(3).await;
    assert_eq!(*condition.lock().await, [0, 1, 2]);
    assert_eq!(condition.waiting(), 7);

    condition.lock().await.notify(2);
    yield_times(3).await;
    assert_eq!(*condition.lock().await, [0, 1, 2, 3, 4]);

    condition.lock().await.notify_all();
    yield_times(3).await;
    assert_eq!(*condition.lock().await, (0..10).collect::<Vec<_>>());
    assert_eq!(condition.waiting(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_notify_with_nobody_waiting_is_not_remembered() {
    let condition = Condition::new(());
    condition.lock().await.notify(5);
    condition.lock().await.notify_all();
    let guard = condition.lock().await;
    assert!(
        timeout(Duration::from_secs(10), guard.wait())
            .await
            .is_err(),
        "wait() returned without a notify"
    );
}

#[tokio::test]
async fn wait_releases_the_lock_and_takes_it_back() {
    let condition = Arc::new(Condition::new(0));
    let waiter = tokio::spawn({
        let condition = Arc::clone(&condition);
        async move {
            let guard = condition.lock().await;
            let guard = guard.wait_for(|n| *n == 3).await;
            assert!(condition.locked(), "wait_for returns with the lock held");
            *guard
        }
    });
    for _ in 0..3 {
        yield_times(2).await;
        let mut guard = condition.lock().await; // would deadlock if wait kept the lock
        *guard += 1;
        guard.notify_all();
    }
    assert_eq!(within(5, "wait_for", waiter).await.unwrap(), 3);
    assert!(!condition.locked());
}

#[tokio::test]
async fn a_waiter_dropped_before_any_notify_leaves_the_list() {
    let condition = Arc::new(Condition::new(Vec::new()));
    let waiters = spawn_waiters(&condition, 3);
    yield_times(2).await;
    waiters[0].abort();
    yield_times(2).await;
    assert_eq!(condition.waiting(), 2);
    condition.lock().await.notify(1);
    yield_times(3).await;
    assert_eq!(
        *condition.lock().await,
        [1],
        "the notify went to the next live waiter"
    );
}

/// The second await point of `wait`: notified, then dropped while taking the lock back.
#[tokio::test]
async fn a_waiter_dropped_after_its_notify_passes_it_on() {
    let condition = Arc::new(Condition::new(Vec::new()));
    let waiters = spawn_waiters(&condition, 3);
    yield_times(2).await;
    {
        let guard = condition.lock().await;
        guard.notify(1); // reaches waiter 0, which now waits for the lock we hold
        yield_times(2).await;
        waiters[0].abort();
        yield_times(2).await; // waiter 0 is dropped here and must hand its wake-up on
    }
    yield_times(3).await;
    assert_eq!(*condition.lock().await, [1]);
    assert_eq!(condition.waiting(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_token_takers_with_random_cancellation_miss_no_notify() {
    const TOKENS: usize = 1000;
    for seed in 0..4 {
        let condition = Arc::new(Condition::new(0usize));
        let taken = Arc::new(AtomicUsize::new(0));
        let mut rng = Rng::new(seed);
        let mut tasks = Vec::new();
        for i in 0..TOKENS {
            // A taker: waits for a token, takes it.
            let (taker, taken) = (Arc::clone(&condition), Arc::clone(&taken));
            tasks.push(tokio::spawn(async move {
                let guard = taker.lock().await;
                let mut guard = guard.wait_for(|tokens| *tokens > 0).await;
                *guard -= 1;
                taken.fetch_add(1, Ordering::Relaxed);
            }));
            // A bystander: waits too, and is dropped after a random number of yields,
            // possibly holding a notification meant for a taker.
            let bystander = Arc::clone(&condition);
            let patience = rng.below(20);
            tokio::spawn(async move {
                tokio::select! {
                    guard = async { bystander.lock().await.wait().await } => {
                        // It did get the notify: a polite bystander passes it on.
                        guard.notify(1);
                    }
                    _ = yield_times(patience) => {}
                }
            });
            if i % 2 == 0 {
                // A giver: adds one token and wakes one waiter.
                let giver = Arc::clone(&condition);
                let delay = rng.below(10);
                tokio::spawn(async move {
                    yield_times(delay).await;
                    let mut guard = giver.lock().await;
                    *guard += 1;
                    guard.notify(1);
                });
            }
        }
        // The other half of the tokens arrive from here, one by one.
        for _ in 0..TOKENS / 2 {
            let mut guard = condition.lock().await;
            *guard += 1;
            guard.notify(1);
            drop(guard);
            yield_times(rng.below(3)).await;
        }
        within(20, "token takers", async {
            for task in tasks {
                task.await.unwrap();
            }
        })
        .await;
        assert_eq!(taken.load(Ordering::Relaxed), TOKENS);
        assert_eq!(*condition.lock().await, 0);
    }
}
