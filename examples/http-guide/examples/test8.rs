//! test8.py: a semaphore lets at most two requests run at a time.
//!
//! The Rust twin of `test8.py` from "Python async programming, the complete guide". Three
//! tasks start together, but a semaphore of 2 admits two of them; the third gets in when one
//! of them leaves. So workers 0 and 1 answer after 1 s, worker 2 after 2 s.
//!
//! Run with:
//! ```text
//! cargo run --example test8
//! cargo run --example test8 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (2 s):
//! ```text
//! 2024-01-01 00:00:01.000000 worker[0] 响应内容 {'msg': 0.9799337520511293}
//! 2024-01-01 00:00:01.001000 worker[1] 响应内容 {'msg': 0.3841426295819139}
//! 2024-01-01 00:00:02.001000 worker[2] 响应内容 {'msg': 0.3909701265431649}
//! 耗时: 0:00:02.001000
//! ```
//! On a real run the timestamps are today's and the numbers random. The local service spaces
//! answers due together a millisecond apart, as a real network would.
//!
//! Where Rust differs: `acquire()` returns a permit, and dropping the permit gives it back; the
//! `_permit` binding lives to the end of `run`, which is the `async with semp:` block. It is
//! `_permit`, not `_`: `let _ = ...` would drop the permit at once and limit nothing.

use clap::Parser;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::Client;
use web_service::WebService;

static SEMP: Semaphore = Semaphore::const_new(2);

async fn run(
    sess: Client,
    url: String,
    id: usize,
) -> Result<f64, Box<dyn std::error::Error + Send + Sync>> {
    let _permit = SEMP.acquire().await.expect("the semaphore is never closed");
    let ret = sess.get_json(&url).await?;
    println!(
        "{} worker[{id}] 响应内容 {}",
        util::clock::now(),
        PyRepr(&ret)
    );
    // As in test6: a "msg" that is not a number is an error, as Python's arithmetic on it is.
    ret["msg"]
        .as_f64()
        .ok_or_else(|| format!("GET {url}: \"msg\" is not a number in {ret}").into())
}

/// The script's `main(workers, url)`.
async fn main_(workers: usize, url: &str) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let sess = Client::new();
    let mut futures = JoinSet::new();
    for i in 0..workers {
        futures.spawn(run(sess.clone(), url.to_owned(), i));
    }
    while let Some(finished) = futures.join_next().await {
        finished??;
    }
    tokio::task::yield_now().await;
    Ok(())
}

/// test8.py: a semaphore of 2 keeps two requests in flight (2 s), against the guide's test web service
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
