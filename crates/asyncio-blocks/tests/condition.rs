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

/// Takers and bystanders park in turn (T0 B0 T1 B1 ...) before any token exists, so token
/// `k` first reaches bystander `k - 1`, which passes it on to taker `k`. Half of those
/// bystanders are cancelled while they hold their notification. A lost notify leaves a token
/// nobody takes and a taker waiting forever: the test fails instead of hiding it, because no
/// taker arrives late enough to pick up the orphaned token without waiting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_token_takers_with_random_cancellation_miss_no_notify() {
    const TAKERS: usize = 1000;
    for seed in 0..4 {
        let condition = Arc::new(Condition::new(0usize));
        let taken = Arc::new(AtomicUsize::new(0));
        let mut rng = Rng::new(seed);
        let (mut takers, mut bystanders) = (Vec::new(), Vec::new());
        for _ in 0..TAKERS {
            let (taker, taken) = (Arc::clone(&condition), Arc::clone(&taken));
            let take = async move {
                let guard = taker.lock().await;
                let mut guard = guard.wait_for(|tokens| *tokens > 0).await;
                *guard -= 1;
                taken.fetch_add(1, Ordering::Relaxed);
            };
            takers.push(spawn_parked(&condition, take).await);
            let bystander = Arc::clone(&condition);
            let stand_by = async move {
                // Wants no token: a notification that reaches it is passed on.
                bystander.lock().await.wait().await.notify(1);
            };
            bystanders.push(spawn_parked(&condition, stand_by).await);
        }
        for k in 0..TAKERS {
            let mut guard = condition.lock().await;
            *guard += 1;
            guard.notify(1);
            if k > 0 && rng.below(2) == 0 {
                // We hold the lock, so bystander k - 1 has its notification and cannot have
                // passed it on yet: cancel it there, possibly before it even ran.
                yield_times(rng.below(3)).await;
                bystanders[k - 1].abort();
            }
            drop(guard);
            yield_times(rng.below(3)).await;
        }
        within(20, "token takers", async {
            for taker in takers {
                taker.await.unwrap();
            }
        })
        .await;
        assert_eq!(taken.load(Ordering::Relaxed), TAKERS);
        assert_eq!(*condition.lock().await, 0);
    }
}

/// Spawns `task` and returns once it has joined the condition's waiter list.
async fn spawn_parked<T>(
    condition: &Condition<T>,
    task: impl std::future::Future<Output = ()> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    let before = condition.waiting();
    let task = tokio::spawn(task);
    while condition.waiting() == before {
        tokio::task::yield_now().await;
    }
    task
}
