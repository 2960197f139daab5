mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use asyncio_blocks::{LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, TaskDoneTooOften};
use common::{Rng, within, yield_times};
use futures::FutureExt;
use tokio::time::{Instant, sleep, timeout};

#[tokio::test]
async fn the_three_orders() {
    let fifo = Queue::new(0);
    let lifo = LifoQueue::new(0);
    let priority = PriorityQueue::new(0);
    for item in [3, 1, 4, 1, 5] {
        fifo.put(item).await;
        lifo.put(item).await;
        priority.put(item).await;
    }
    let drain = |next: &dyn Fn() -> Result<i32, QueueEmpty>| {
        std::iter::from_fn(|| next().ok()).collect::<Vec<_>>()
    };
    assert_eq!(drain(&|| fifo.get_nowait()), [3, 1, 4, 1, 5]);
    assert_eq!(drain(&|| lifo.get_nowait()), [5, 1, 4, 1, 3]);
    assert_eq!(drain(&|| priority.get_nowait()), [1, 1, 3, 4, 5]);
}

#[tokio::test]
async fn priority_tuples_compare_like_python_tuples() {
    let queue = PriorityQueue::new(0);
    for item in [(2, "b"), (1, "z"), (1, "a"), (0, "c")] {
        queue.put_nowait(item).unwrap();
    }
    let order: Vec<_> = (0..4).map(|_| queue.get_nowait().unwrap()).collect();
    assert_eq!(order, [(0, "c"), (1, "a"), (1, "z"), (2, "b")]);
}

#[tokio::test]
async fn nowait_variants_size_and_fullness() {
    let queue = Queue::new(2);
    assert!(queue.empty() && !queue.full());
    assert_eq!(queue.get_nowait(), Err(QueueEmpty));
    queue.put_nowait("a").unwrap();
    queue.put_nowait("b").unwrap();
    assert!(queue.full());
    assert_eq!(
        queue.put_nowait("c"),
        Err(QueueFull("c")),
        "the item comes back"
    );
    assert_eq!(queue.qsize(), 2);
    assert_eq!(queue.get_nowait(), Ok("a"));
    assert!(!queue.full() && !queue.empty());

    let unbounded = Queue::new(0);
    for i in 0..10_000 {
        unbounded.put_nowait(i).unwrap();
    }
    assert!(!unbounded.full(), "a queue without maxsize is never full");

    // Python accepts any maxsize; tokio's semaphore would panic above its own limit.
    let huge = Queue::new(usize::MAX);
    huge.put_nowait(1).unwrap();
    assert!(!huge.full());
    assert_eq!(huge.maxsize(), usize::MAX);
}

#[tokio::test]
async fn task_done_too_often_is_an_error_that_changes_nothing() {
    let queue = Queue::new(0);
    assert_eq!(queue.task_done(), Err(TaskDoneTooOften));
    queue.put(1).await;
    queue.get().await;
    assert_eq!(queue.unfinished(), 1);
    assert_eq!(queue.task_done(), Ok(()));
    assert_eq!(queue.task_done(), Err(TaskDoneTooOften));
    assert_eq!(queue.unfinished(), 0);
    assert!(queue.join().now_or_never().is_some());
}

#[tokio::test(start_paused = true)]
async fn join_returns_exactly_when_the_last_task_done_lands() {
    let queue = Arc::new(Queue::new(0));
    let start = Instant::now();
    assert!(
        queue.join().now_or_never().is_some(),
        "nothing unfinished yet"
    );
    for seconds in [1, 2, 3] {
        queue.put(seconds).await;
    }
    tokio::spawn({
        let queue = Arc::clone(&queue);
        async move {
            while let Ok(seconds) = queue.get_nowait() {
                sleep(Duration::from_secs(seconds)).await;
                queue.task_done().unwrap();
            }
        }
    });
    queue.join().await;
    assert_eq!(start.elapsed(), Duration::from_secs(6));
    assert_eq!(queue.unfinished(), 0);
}

/// A `join` waiter must return when the count touches zero, even if a `put` raises it again
/// before the waiter runs (asyncio behaves the same way, its `join` waits on an Event).
#[tokio::test]
async fn join_is_not_fooled_by_a_put_right_after_the_last_task_done() {
    let queue = Arc::new(Queue::new(0));
    queue.put(1).await;
    let joiner = tokio::spawn({
        let queue = Arc::clone(&queue);
        async move { queue.join().await }
    });
    yield_times(2).await;
    queue.get().await;
    queue.task_done().unwrap();
    queue.put(2).await;
    within(5, "join", joiner).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn maxsize_holds_the_producer_back() {
    let queue = Arc::new(Queue::new(2));
    let start = Instant::now();
    let producer = tokio::spawn({
        let queue = Arc::clone(&queue);
        async move {
            let mut put_at = Vec::new();
            for i in 0..5 {
                queue.put(i).await;
                put_at.push(start.elapsed().as_secs());
            }
            put_at
        }
    });
    for expected in 0..5 {
        sleep(Duration::from_secs(1)).await;
        assert!(queue.qsize() <= 2);
        assert_eq!(queue.get().await, expected);
    }
    // Two fit at once; each later put waits for the get one second after the previous one.
    assert_eq!(producer.await.unwrap(), [0, 0, 1, 2, 3]);
}

#[tokio::test(start_paused = true)]
async fn cancelled_gets_and_puts_take_and_leave_nothing() {
    let queue = Queue::new(1);
    for _ in 0..100 {
        assert!(
            timeout(Duration::from_millis(10), queue.get())
                .await
                .is_err()
        );
    }
    queue.put("kept").await;
    assert!(
        timeout(Duration::from_millis(10), queue.put("dropped"))
            .await
            .is_err()
    );
    assert_eq!(queue.qsize(), 1);
    assert_eq!(queue.get_nowait(), Ok("kept"));
    assert_eq!(queue.get_nowait(), Err(QueueEmpty));
    assert_eq!(queue.unfinished(), 1, "the dropped put never counted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_producers_and_consumers_with_cancellation_lose_and_duplicate_nothing() {
    const PRODUCERS: u64 = 8;
    const PER_PRODUCER: u64 = 500;
    let queue = Arc::new(Queue::new(16));
    let received_sum = Arc::new(AtomicUsize::new(0));
    let received_count = Arc::new(AtomicUsize::new(0));
    let mut rng = Rng::new(3);

    let mut producers = Vec::new();
    for p in 0..PRODUCERS {
        let queue = Arc::clone(&queue);
        let seed = rng.next_u64();
        producers.push(tokio::spawn(async move {
            let mut rng = Rng::new(seed);
            for i in 0..PER_PRODUCER {
                queue.put(p * PER_PRODUCER + i).await;
                yield_times(rng.below(2)).await;
            }
        }));
    }
    for _ in 0..8 {
        let (queue, sum, count) = (
            Arc::clone(&queue),
            Arc::clone(&received_sum),
            Arc::clone(&received_count),
        );
        let seed = rng.next_u64();
        tokio::spawn(async move {
            let mut rng = Rng::new(seed);
            loop {
                // Every other get races a short deadline and is often dropped mid-wait.
                let item = if rng.below(2) == 0 {
                    let patience = rng.below(4);
                    tokio::select! {
                        item = queue.get() => item,
                        _ = yield_times(patience) => continue,
                    }
                } else {
                    queue.get().await
                };
                assert!(queue.qsize() <= 16);
                sum.fetch_add(item as usize, Ordering::Relaxed);
                count.fetch_add(1, Ordering::Relaxed);
                queue.task_done().unwrap();
            }
        });
    }
    within(20, "producers and join", async {
        for producer in producers {
            producer.await.unwrap();
        }
        queue.join().await;
    })
    .await;
    let n = PRODUCERS * PER_PRODUCER;
    assert_eq!(received_count.load(Ordering::Relaxed), n as usize);
    assert_eq!(
        received_sum.load(Ordering::Relaxed),
        (n * (n - 1) / 2) as usize
    );
    assert!(queue.empty());
}
