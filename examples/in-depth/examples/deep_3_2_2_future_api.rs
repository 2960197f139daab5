//! Section 3.2.2: the methods of asyncio.Future and their tokio counterparts.
//!
//! The article lists `done`, `result`, `exception`, `set_result`, `set_exception`, `cancel`,
//! `cancelled`, `add_done_callback` and `remove_done_callback`. tokio spreads them over two
//! types: `SetOnce<T>` for a result many can read, and a `oneshot` channel when exactly one
//! party waits and cancelling must be seen by the setter. This program walks through each.
//!
//! Run with:
//! ```text
//! cargo run --example deep_3_2_2_future_api
//! ```
//!
//! Expected output (1 s):
//! ```text
//! done() before a result: false
//! result() before a result: None (asyncio raises InvalidStateError)
//! set_result(100): done() = true, result() = Some(Ok(100))
//! set_result(99) again: refused, still Some(Ok(100)) (asyncio raises InvalidStateError)
//! set_exception(ValueError): result() = Some(Err("ValueError: exam paper lost"))
//! cancel() by the waiter: the setter sees cancelled() = true, set_result(100) gives back Err(100)
//! awaiting a future nobody will set: Err("channel closed") (asyncio raises CancelledError)
//! callback kept: the score is 100
//! callback removed: never called, its task was cancelled: true
//! ```
//!
//! Where Rust differs:
//! - An exception is just a value: `SetOnce<Result<u32, String>>` holds either outcome, and
//!   `exception()` is reading the `Err` side.
//! - `SetOnce` cannot be cancelled. The oneshot channel can: the receiver's `close()` (or
//!   dropping it) is `cancel()`, and the sender asks `is_closed()`, which is `cancelled()`.
//!   A dropped sender, the other way round, wakes the waiter with an error: the nearest thing to
//!   `CancelledError`.
//! - Done callbacks are tasks that wait for the value; removing one is aborting its task.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{SetOnce, oneshot};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

type Outcome = Result<u32, String>;

/// `add_done_callback`: the returned task runs `callback` once the future has its value.
fn add_done_callback(
    fut: &Arc<SetOnce<u32>>,
    callback: impl FnOnce(u32) + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    let fut = Arc::clone(fut);
    tokio::spawn(async move { callback(*fut.wait().await) })
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let fut: SetOnce<Outcome> = SetOnce::new();
    println!("done() before a result: {}", fut.initialized());
    println!(
        "result() before a result: {:?} (asyncio raises InvalidStateError)",
        fut.get()
    );

    fut.set(Ok(100))?;
    println!(
        "set_result(100): done() = {}, result() = {:?}",
        fut.initialized(),
        fut.get()
    );
    if fut.set(Ok(99)).is_err() {
        println!(
            "set_result(99) again: refused, still {:?} (asyncio raises InvalidStateError)",
            fut.get()
        );
    }

    let failed: SetOnce<Outcome> = SetOnce::new();
    failed.set(Err("ValueError: exam paper lost".to_string()))?;
    println!("set_exception(ValueError): result() = {:?}", failed.get());

    // cancel(): the waiting side gives up, and the setting side can tell.
    let (setter, mut waiter) = oneshot::channel::<u32>();
    waiter.close();
    println!(
        "cancel() by the waiter: the setter sees cancelled() = {}, set_result(100) gives back {:?}",
        setter.is_closed(),
        setter.send(100)
    );

    // The other direction: the only setter goes away, and the waiter is woken with an error.
    let (setter, waiter) = oneshot::channel::<u32>();
    drop(setter);
    println!(
        "awaiting a future nobody will set: {:?} (asyncio raises CancelledError)",
        waiter.await.map_err(|e| e.to_string())
    );

    // add_done_callback twice, then remove_done_callback on the second: abort its task.
    let score = Arc::new(SetOnce::new());
    let kept = add_done_callback(&score, |s| println!("callback kept: the score is {s}"));
    let removed = add_done_callback(&score, |s| println!("callback removed: the score is {s}"));
    removed.abort();
    let setter = Arc::clone(&score);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        setter.set(100).expect("the only setter");
    });
    kept.await?;
    println!(
        "callback removed: never called, its task was cancelled: {}",
        removed.await.is_err_and(|e| e.is_cancelled())
    );
    Ok(())
}
