//! test6.py: two events, each waking every task that waits on it.
//!
//! The Rust twin of `test6.py` from "Python async programming, the complete guide". Two "big"
//! waiters wait on `small_event` and two "small" waiters on `big_event` (the script's naming).
//! Each answer from `/random` sets `big_event` if its number is above 0.5 and `small_event`
//! otherwise; setting an event wakes all of its waiters at once. Whatever is still unset at the
//! end is set, so every waiter prints exactly once. The requests overlap: 1 s.
//!
//! Run with:
//! ```text
//! cargo run --example test6
//! cargo run --example test6 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! 响应内容 {'msg': 0.9799337520511293}
//! 2024-01-01 00:00:01.000000 small waiter 收到任务事件
//! 2024-01-01 00:00:01.000000 small waiter 收到任务事件
//! 响应内容 {'msg': 0.3841426295819139}
//! 2024-01-01 00:00:01.001000 big waiter 收到任务事件
//! 2024-01-01 00:00:01.001000 big waiter 收到任务事件
//! 响应内容 {'msg': 0.3909701265431649}
//! 耗时: 0:00:01.002000
//! ```
//! The numbers are random on a real run, and so is which waiters print first. (Under the
//! tests' paused clock the in-process service seeds its generator, so the run above is exact.)
//! The answers arrive a millisecond apart, as on a real network (the local service spaces
//! them so), and each answer's waiters print right after it, as in the article's run.
//!
//! Where Rust differs:
//! - tokio has no `Event`; `asyncio_blocks::Event`, this workspace's twin, has the same four
//!   methods. (`Notify` looks close but is not: it keeps no flag to `is_set()` and wakes only
//!   the tasks waiting at that moment; see `crates/asyncio-blocks` for why `watch<bool>` falls
//!   short too.)
//! - `tokio::task::yield_now()` is `asyncio.sleep(0)`: it lets the woken waiters run before
//!   `main` returns (and the runtime, shutting down, drops whatever has not finished).

use clap::Parser;
use std::sync::LazyLock;

use asyncio_blocks::Event;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::task::JoinSet;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::Client;
use web_service::WebService;

static BIG_EVENT: LazyLock<Event> = LazyLock::new(Event::new);
static SMALL_EVENT: LazyLock<Event> = LazyLock::new(Event::new);

async fn big_waiter() {
    SMALL_EVENT.wait().await;
    println!("{} big waiter 收到任务事件", util::clock::now());
}

async fn small_waiter() {
    BIG_EVENT.wait().await;
    println!("{} small waiter 收到任务事件", util::clock::now());
}

async fn run(sess: Client, url: String) -> Result<f64, Box<dyn std::error::Error + Send + Sync>> {
    let ret = sess.get_json(&url).await?;
    println!("响应内容 {}", PyRepr(&ret));
    // Python's `data > 0.5` raises when "msg" is not a number (the `/` endpoint's "ok", say);
    // so must we, rather than pick an event for it.
    let data = ret["msg"]
        .as_f64()
        .ok_or_else(|| format!("GET {url}: \"msg\" is not a number in {ret}"))?;
    if data > 0.5 {
        BIG_EVENT.set();
    } else {
        SMALL_EVENT.set();
    }
    Ok(data)
}

/// The script's `main(workers, url)`.
async fn main_(workers: usize, url: &str) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    tokio::spawn(big_waiter());
    tokio::spawn(big_waiter());
    tokio::spawn(small_waiter());
    tokio::spawn(small_waiter());

    let sess = Client::new();
    let mut futures = JoinSet::new();
    for _ in 0..workers {
        futures.spawn(run(sess.clone(), url.to_owned()));
    }
    while let Some(finished) = futures.join_next().await {
        finished??;
    }

    if !BIG_EVENT.is_set() {
        BIG_EVENT.set();
    }
    if !SMALL_EVENT.is_set() {
        SMALL_EVENT.set();
    }
    tokio::task::yield_now().await;
    Ok(())
}

/// test6.py: two events, each set by an answer, wake their waiters, against the guide's test web service
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
