mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use asyncio_blocks::Event;
use common::{Rng, within, yield_times};
use futures::FutureExt;
use tokio::time::timeout;

#[tokio::test(start_paused = true)]
async fn wait_blocks_until_set_and_returns_at_once_while_set() {
    let event = Event::new();
    assert!(!event.is_set());
    assert!(
        timeout(Duration::from_secs(10), event.wait())
            .await
            .is_err()
    );
    event.set();
    assert!(event.is_set());
    assert!(event.wait().now_or_never().is_some());
    event.set(); // setting twice is allowed
    event.clear();
    assert!(!event.is_set());
    assert!(event.wait().now_or_never().is_none());
}

#[tokio::test]
async fn set_wakes_every_one_of_thousands_of_waiters() {
    let event = Arc::new(Event::new());
    let woken = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..5000 {
        let (event, woken) = (Arc::clone(&event), Arc::clone(&woken));
        tasks.push(tokio::spawn(async move {
            event.wait().await;
            woken.fetch_add(1, Ordering::Relaxed);
        }));
    }
    yield_times(3).await;
    assert_eq!(
        woken.load(Ordering::Relaxed),
        0,
        "nobody may pass before set()"
    );
    event.set();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(woken.load(Ordering::Relaxed), 5000);
}

/// A plain `watch<bool>` fails this: its waiters look at the flag only when they run, and by
/// then `clear()` has put it back.
#[tokio::test]
async fn set_then_clear_before_the_waiters_run_still_wakes_them() {
    let event = Arc::new(Event::new());
    let waiters: Vec<_> = (0..100)
        .map(|_| {
            let event = Arc::clone(&event);
            tokio::spawn(async move { event.wait().await })
        })
        .collect();
    yield_times(2).await; // every waiter is now parked in wait()
    event.set();
    event.clear();
    within(5, "waiters after set+clear", async {
        for waiter in waiters {
            waiter.await.unwrap();
        }
    })
    .await;
    assert!(!event.is_set());
}

#[tokio::test(start_paused = true)]
async fn a_waiter_that_starts_after_clear_waits_for_the_next_set() {
    let event = Event::new();
    event.set();
    event.clear();
    assert!(timeout(Duration::from_secs(1), event.wait()).await.is_err());
}

#[tokio::test]
async fn dropped_waiters_do_not_disturb_the_others() {
    let event = Arc::new(Event::new());
    let mut rng = Rng::new(7);
    let mut kept = Vec::new();
    for i in 0..1000 {
        let event = Arc::clone(&event);
        let task = tokio::spawn(async move { event.wait().await });
        if i % 3 == 0 {
            kept.push(task);
        } else {
            // Abort some at once and some after they have parked.
            if rng.below(2) == 0 {
                yield_times(1).await;
            }
            task.abort();
        }
    }
    event.set();
    for task in kept {
        task.await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_set_clear_storm_never_strands_a_waiter() {
    // Rounds of: waiters park, a toggler sets and clears at random; every waiter that was
    // parked at a set() must come out.
    for seed in 0..20 {
        let event = Arc::new(Event::new());
        let parked = Arc::new(AtomicUsize::new(0));
        let waiters: Vec<_> = (0..200)
            .map(|_| {
                let (event, parked) = (Arc::clone(&event), Arc::clone(&parked));
                tokio::spawn(async move {
                    let mut wait = std::pin::pin!(event.wait());
                    // Count the waiter once its first poll has registered it.
                    let _ = futures::poll!(wait.as_mut());
                    parked.fetch_add(1, Ordering::SeqCst);
                    wait.await
                })
            })
            .collect();
        while parked.load(Ordering::SeqCst) < 200 {
            tokio::task::yield_now().await;
        }
        let mut rng = Rng::new(seed);
        for _ in 0..rng.below(5) + 1 {
            event.set();
            yield_times(rng.below(3)).await;
            event.clear();
        }
        within(10, "waiters after a set/clear storm", async {
            for waiter in waiters {
                waiter.await.unwrap();
            }
        })
        .await;
    }
}

#[tokio::test]
async fn waiters_wake_in_the_order_they_started_waiting() {
    let event = Arc::new(Event::new());
    let order = Arc::new(std::sync::Mutex::new(Vec::new()));
    let waiters: Vec<_> = (0..50)
        .map(|i| {
            let (event, order) = (Arc::clone(&event), Arc::clone(&order));
            tokio::spawn(async move {
                event.wait().await;
                order.lock().unwrap().push(i);
            })
        })
        .collect();
    yield_times(2).await;
    event.set();
    for waiter in waiters {
        waiter.await.unwrap();
    }
    assert_eq!(*order.lock().unwrap(), (0..50).collect::<Vec<_>>());
}
