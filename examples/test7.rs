//! test7.py: a condition that wakes exactly two waiters per notification.
//!
//! The Rust twin of `test7.py` from "Python async programming, the complete guide". Three
//! waiters wait on one condition. Each answer from `/random` calls `notify(2)`: the first wakes
//! waiters 0 and 1, the second wakes waiter 2, the third finds nobody left. 1 s in all.
//!
//! Run with:
//! ```text
//! cargo run --example test7
//! cargo run --example test7 -- --stagger 0.1
//! cargo run --example test7 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! 响应内容 {'msg': 0.9799337520511293}
//! 响应内容 {'msg': 0.3841426295819139}
//! 响应内容 {'msg': 0.3909701265431649}
//! 2024-01-01 00:00:01.000000 waiter[0]等待完成
//! 2024-01-01 00:00:01.000000 waiter[1]等待完成
//! 2024-01-01 00:00:01.000000 waiter[2]等待完成
//! 耗时: 0:00:01
//! ```
//! The numbers are random on a real run. As in test6, the three answers arrive in the same
//! instant and tokio runs the three response tasks, already queued, before the waiters they
//! woke; in the article's run the answers came a little apart and the lines interleave.
//! To see exactly two waiters woken per answer, spread the answers out: with
//! `-- --stagger 0.1` the in-process service answers at 1.0, 1.1 and 1.2 s, and the output
//! reads answer, waiter[0], waiter[1], answer, waiter[2], answer (the run ends at 1.2 s).
//!
//! Where Rust differs: tokio has no `Condition`; it is built here from its two halves. A
//! `Mutex<()>` is the condition's lock and a `Notify` delivers the wake-ups. `wait()` must
//! register with the `Notify` *before* it releases the lock (`Notified::enable`), otherwise a
//! notification sent in between would be lost. `notify(2)` is two `notify_one()` calls, which
//! wake the longest-waiting tasks first, as asyncio does. One difference remains: with nobody
//! waiting, `notify_one` keeps one wake-up for the next waiter, where asyncio's `notify` does
//! nothing. (The `asyncio-blocks` crate of this workspace has a full `Condition`.)

use std::pin::pin;

use tokio::sync::{Mutex, Notify};
use tokio::task::JoinSet;
use tokio::time::Instant;
use web_service::{Args, Client, ClientError, PyRepr, TimeDelta};

/// `cond = asyncio.Condition()`: its lock and its wake-ups.
static COND_LOCK: Mutex<()> = Mutex::const_new(());
static COND: Notify = Notify::const_new();

async fn waiter(id: usize) {
    let guard = COND_LOCK.lock().await; // async with cond:
    // await cond.wait(): get in line, release the lock, sleep, take the lock back.
    let mut woken = pin!(COND.notified());
    woken.as_mut().enable();
    drop(guard);
    woken.await;
    let _guard = COND_LOCK.lock().await;
    println!("{} waiter[{id}]等待完成", util::clock::now());
}

async fn run(sess: Client, url: String) -> Result<f64, ClientError> {
    let ret = sess.get_json(&url).await?;
    println!("响应内容 {}", PyRepr(&ret));
    let data = ret["msg"].as_f64().unwrap_or_default();
    let _guard = COND_LOCK.lock().await; // async with cond:
    // cond.notify(2)
    COND.notify_one();
    COND.notify_one();
    Ok(data)
}

/// The script's `main(workers, url)`.
async fn main_(workers: usize, url: &str) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    for i in 0..workers {
        tokio::spawn(waiter(i));
    }

    let sess = Client::new();
    let mut futures = JoinSet::new();
    for _ in 0..workers {
        futures.spawn(run(sess.clone(), url.to_owned()));
    }
    while let Some(finished) = futures.join_next().await {
        finished??;
    }
    tokio::task::yield_now().await;
    Ok(())
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::from_env(&[], &[])?;
    let service = args.service().await?;
    let start = Instant::now();
    main_(args.workers()?, &service.url("/random")).await?;
    println!("耗时: {}", TimeDelta(start.elapsed()));
    Ok(())
}
