//! test7.py: a condition that wakes exactly two waiters per notification.
//!
//! The Rust twin of `test7.py` from "Python async programming, the complete guide". Three
//! waiters wait on one condition. Each answer from `/random` calls `notify(2)`: the first wakes
//! waiters 0 and 1, the second wakes waiter 2, the third finds nobody left. 1 s in all.
//!
//! Run with:
//! ```text
//! cargo run --example test7
//! cargo run --example test7 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! 响应内容 {'msg': 0.9799337520511293}
//! 2024-01-01 00:00:01.000000 waiter[0]等待完成
//! 2024-01-01 00:00:01.000000 waiter[1]等待完成
//! 响应内容 {'msg': 0.3841426295819139}
//! 2024-01-01 00:00:01.001000 waiter[2]等待完成
//! 响应内容 {'msg': 0.3909701265431649}
//! 耗时: 0:00:01.002000
//! ```
//! The numbers are random on a real run. The answers arrive a millisecond apart, as on a real
//! network (the local service spaces them so), and each one's waiters print before the next
//! answer: two after the first, one after the second, none after the third.
//!
//! Where Rust differs: tokio has no `Condition`, so this uses `asyncio_blocks::Condition`,
//! this workspace's twin. `cond.lock().await` is `async with cond:`, and `wait` and `notify`
//! are methods of the guard it returns, so calling them without the lock (a `RuntimeError` in
//! Python) does not compile. `wait` takes the guard and hands it back, because it releases the
//! lock while it sleeps. `notify(2)` wakes the two longest-waiting tasks, as asyncio does, and
//! is forgotten when nobody waits (tokio's `Notify::notify_one` would keep a wake-up for the
//! next waiter instead).

use clap::Parser;
use std::sync::LazyLock;

use asyncio_blocks::Condition;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::task::JoinSet;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::Client;
use web_service::WebService;

static COND: LazyLock<Condition> = LazyLock::new(Condition::default);

async fn waiter(id: usize) {
    let guard = COND.lock().await; // async with cond:
    let _guard = guard.wait().await;
    println!("{} waiter[{id}]等待完成", util::clock::now());
}

async fn run(sess: Client, url: String) -> Result<f64, Box<dyn std::error::Error + Send + Sync>> {
    let ret = sess.get_json(&url).await?;
    println!("响应内容 {}", PyRepr(&ret));
    // As in test6: a "msg" that is not a number is an error, as Python's arithmetic on it is.
    let data = ret["msg"]
        .as_f64()
        .ok_or_else(|| format!("GET {url}: \"msg\" is not a number in {ret}"))?;
    COND.lock().await.notify(2); // async with cond: cond.notify(2)
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

/// test7.py: a condition; each answer wakes two waiters, against the guide's test web service
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    service: StandInArgs<WebService>,
    #[command(flatten)]
    workers: Workers,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let service = args.service.start()?;
    let start = Instant::now();
    main_(args.workers.workers, &service.url("/random")).await?;
    println!("耗时: {}", TimeDelta(start.elapsed()));
    Ok(())
}
