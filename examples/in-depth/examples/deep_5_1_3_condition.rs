//! Section 5.1.3: Condition, waking one, several, or all waiters; then `wait_for`
//!
//! The Rust twin of the article's `asyncio.Condition` examples (its listings are pictures;
//! this is the program its text describes). Part 1: five consumers wait on one condition; a
//! notifier wakes one of them, then two, then all the rest, one second apart, and the ones
//! not notified keep waiting. Part 2 is the `wait_for(predicate)` form: a consumer waits until
//! three items are ready while a producer makes one per second.
//!
//! Run with:
//! ```text
//! cargo run --example deep_5_1_3_condition
//! ```
//!
//! Expected output (6 s):
//! ```text
//! consumer 1 is waiting
//! consumer 2 is waiting
//! consumer 3 is waiting
//! consumer 4 is waiting
//! consumer 5 is waiting
//! notify(1)
//! consumer 1 was notified
//! notify(2)
//! consumer 2 was notified
//! consumer 3 was notified
//! notify_all()
//! consumer 4 was notified
//! consumer 5 was notified
//! waiting until 3 items are ready
//! item 1 is ready
//! item 2 is ready
//! item 3 is ready
//! 3 items ready, going on
//! ```
//!
//! Where Rust differs: tokio has no condition variable, so this uses
//! `asyncio_blocks::Condition`. It owns the state it protects (here `()` in part 1 and the
//! count of ready items in part 2), and `wait`, `wait_for`, `notify` and `notify_all` are
//! methods of the lock guard: calling them without the lock, a `RuntimeError` in Python, does
//! not compile. `guard.wait()` consumes the guard and hands it back once it has the lock again,
//! which is exactly what Python's `wait()` does with the lock behind the scenes.

use std::sync::Arc;
use std::time::Duration;

use asyncio_blocks::Condition;
use tokio::time::sleep;

async fn consumer(number: u32, condition: Arc<Condition>) {
    let guard = condition.lock().await;
    println!("consumer {number} is waiting");
    // The lock is released while waiting and held again when `wait` returns.
    let _guard = guard.wait().await;
    println!("consumer {number} was notified");
}

async fn notifier(condition: &Condition) {
    for n in [1, 2] {
        sleep(Duration::from_secs(1)).await;
        let guard = condition.lock().await;
        println!("notify({n})");
        guard.notify(n);
    }
    sleep(Duration::from_secs(1)).await;
    let guard = condition.lock().await;
    println!("notify_all()");
    guard.notify_all();
}

async fn producer(ready: Arc<Condition<u32>>) {
    for _ in 0..3 {
        sleep(Duration::from_secs(1)).await;
        let mut items = ready.lock().await;
        *items += 1;
        println!("item {} is ready", *items);
        items.notify_all();
    }
}

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    // Part 1: wait, notify(n), notify_all.
    let condition = Arc::new(Condition::new(()));
    let consumers: Vec<_> = (1..=5)
        .map(|n| tokio::spawn(consumer(n, Arc::clone(&condition))))
        .collect();
    notifier(&condition).await;
    for c in consumers {
        c.await?;
    }

    // Part 2: wait_for(predicate), which checks the state before waiting and after every
    // notification, so the consumer sleeps through the first two items.
    let ready = Arc::new(Condition::new(0));
    let making = tokio::spawn(producer(Arc::clone(&ready)));
    let items = ready.lock().await;
    println!("waiting until 3 items are ready");
    let items = items.wait_for(|count| *count >= 3).await;
    println!("{} items ready, going on", *items);
    drop(items);
    making.await?;
    Ok(())
}
