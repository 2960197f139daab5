mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use asyncio_blocks::{call_at, call_later, call_soon};
use common::{Rng, yield_times};
use tokio::time::{Instant, sleep};

type Log = Arc<Mutex<Vec<(u64, Duration)>>>;

/// A callback that records its number and the time it ran, relative to `start`.
fn record(log: &Log, start: Instant, number: u64) -> impl FnOnce() + Send + 'static {
    let log = Arc::clone(log);
    move || log.lock().unwrap().push((number, start.elapsed()))
}

fn numbers(log: &Log) -> Vec<u64> {
    log.lock().unwrap().iter().map(|(n, _)| *n).collect()
}

#[tokio::test(start_paused = true)]
async fn call_soon_runs_in_order_once_the_caller_yields() {
    let (log, start) = (Log::default(), Instant::now());
    for n in 1..=3 {
        call_soon(record(&log, start, n));
    }
    assert!(
        numbers(&log).is_empty(),
        "nothing runs before the caller yields"
    );
    yield_times(1).await;
    assert_eq!(numbers(&log), [1, 2, 3]);
}

#[tokio::test(start_paused = true)]
async fn call_later_and_call_at_run_exactly_when_due() {
    let (log, start) = (Log::default(), Instant::now());
    let later = call_later(Duration::from_millis(1500), record(&log, start, 1));
    let at = call_at(start + Duration::from_secs(1), record(&log, start, 2));
    assert_eq!(later.when(), start + Duration::from_millis(1500));
    assert_eq!(at.when(), start + Duration::from_secs(1));
    sleep(Duration::from_secs(2)).await;
    assert_eq!(
        *log.lock().unwrap(),
        [
            (2, Duration::from_secs(1)),
            (1, Duration::from_millis(1500))
        ]
    );
    assert!(!later.cancelled() && !at.cancelled());
}

#[tokio::test(start_paused = true)]
async fn cancel_before_the_callback_runs_stops_it() {
    let (log, start) = (Log::default(), Instant::now());
    let soon = call_soon(record(&log, start, 1));
    let later = call_later(Duration::from_secs(5), record(&log, start, 2));
    soon.cancel();
    later.cancel();
    later.cancel(); // twice is harmless
    sleep(Duration::from_secs(10)).await;
    assert!(numbers(&log).is_empty());
    assert!(soon.cancelled() && later.cancelled());
}

#[tokio::test(start_paused = true)]
async fn cancel_after_the_callback_ran_only_sets_the_flag() {
    let (log, start) = (Log::default(), Instant::now());
    let handle = call_soon(record(&log, start, 1));
    yield_times(1).await;
    handle.cancel();
    assert!(
        handle.cancelled(),
        "Python reports cancelled() == True here too"
    );
    assert_eq!(numbers(&log), [1]);
}

#[tokio::test(start_paused = true)]
async fn call_at_in_the_past_runs_at_once() {
    let (log, start) = (Log::default(), Instant::now());
    sleep(Duration::from_secs(1)).await;
    call_at(start, record(&log, start, 1));
    yield_times(2).await;
    assert_eq!(*log.lock().unwrap(), [(1, Duration::from_secs(1))]);
}

#[tokio::test(start_paused = true)]
async fn a_thousand_random_timers_half_cancelled() {
    let (log, start) = (Log::default(), Instant::now());
    let mut rng = Rng::new(11);
    let mut expected = Vec::new();
    for n in 0..1000 {
        let delay = Duration::from_millis(rng.below(10_000));
        let handle = call_later(delay, record(&log, start, n));
        if rng.below(2) == 0 {
            handle.cancel();
        } else {
            expected.push((n, delay));
        }
    }
    sleep(Duration::from_secs(11)).await;
    let mut ran = log.lock().unwrap().clone();
    ran.sort();
    assert_eq!(
        ran, expected,
        "exactly the live timers ran, each at its own time"
    );
}
