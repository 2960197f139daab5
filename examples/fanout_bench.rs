//! A benchmark: N concurrent GETs of the 1-second endpoint through one pooled client.
//!
//! The guide's scripts send three requests; this sends thousands at once, to check the claim
//! behind them: requests that overlap take as long as one. It starts the test service
//! in-process (or uses `--url`), fires `--requests N` GETs of `/` at the same moment through a
//! single `web_service::Client`, waits for all of them, and prints the wall time and its ratio
//! to the ideal 1 s. It is not a timed test: build it with `--release`.
//!
//! Run with:
//! ```text
//! cargo run --release --example fanout_bench -- --requests 5000
//! cargo run --release --example fanout_bench -- --requests 1000 --url http://127.0.0.1:8000
//! ```
//!
//! Expected output:
//! ```text
//! 5000 concurrent GETs of http://127.0.0.1:[..]/
//! all 5000 answered in [..] s: [..] x the ideal 1 s
//! finished at: first [..] s, median [..] s, 99th percentile [..] s
//! ```
//! Measured on this project's 2-core machine (client and server in this one process, medians
//! of 44, 10 and 10 runs): 5,000 requests in 1.248 s, 1,000 in 1.066 s, 100 in 1.010 s; before
//! the changes below, 1.476 s (and 2.1 s in one run in ten), 1.161 s and 1.034 s. Details and
//! what each change was worth: `docs/http-guide.md`.
//!
//! What it takes on the Rust side (none of it is needed for three requests):
//! - The client opens one connection per request in flight: hyper's pool has no limit like
//!   aiohttp's default of 100, so 5,000 requests are 5,000 connections, plus 5,000 on the
//!   server side of this process. `web_service::bind` raises the open-file limit, and grows
//!   the descriptor table to match at once: growing it on the way, in the middle of the burst,
//!   made every thread wait for the kernel eight times (60-80 ms).
//! - The listener asks for a backlog of 8,192 (the kernel caps it at `net.core.somaxconn`).
//!   With `TcpListener::bind`'s 128, a burst of connects overflows the queue and the kernel
//!   makes the extra clients retry a second later: 1,000 requests took 2.0 to 2.3 s, 5,000 up
//!   to 5.4 s. Even 4,096 places overflowed in one run in ten at 5,000 (a 2.1 s run), so the
//!   in-process server on this multi-thread runtime listens twice on its port
//!   (`SO_REUSEPORT`): two queues, 8,192 places.
//! - Memory: 10,000 connections touch about 135 MB within a third of a second. The server
//!   lets go of each request before its 1 s wait and the client reads into 1 KiB buffers
//!   instead of 8 KiB, and `main` tells glibc's allocator to open its per-thread heaps in one
//!   step rather than a page at a time (`tune_allocator_for_many_threads`, 40-60 ms). That
//!   call has to come before the runtime starts its threads, which is why this example builds
//!   its runtime with `util::runtime::Options` instead of `#[util::main(multi_thread)]`.
//! - A multi-thread runtime: client and server share both cores. (A Python program would need
//!   several processes for that.)

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;
use web_service::{Args, Client, Message};

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // Before the runtime's threads exist: see the header.
    web_service::tune_allocator_for_many_threads();
    util::runtime::Options::new().multi_thread().run(fan_out())
}

async fn fan_out() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::from_env_only(&["--requests", "--url", "--delay"], &[])?;
    let requests: usize = args.value("--requests")?.unwrap_or(1000);
    if requests == 0 {
        return Err(Message("--requests must be at least 1".into()).into());
    }
    let ideal = args.seconds("--delay")?.unwrap_or(Duration::from_secs(1));
    let service = args.service().await?;
    let url = service.url("/");
    println!("{requests} concurrent GETs of {url}");

    let client = Client::new();
    let start = Instant::now();
    let mut in_flight = JoinSet::new();
    for _ in 0..requests {
        let (client, url) = (client.clone(), url.clone());
        in_flight.spawn(async move {
            client.get(&url).await?;
            Ok::<_, web_service::ClientError>(start.elapsed())
        });
    }
    let mut failures = Vec::new();
    let mut latencies = Vec::with_capacity(requests);
    while let Some(done) = in_flight.join_next().await {
        match done? {
            Ok(latency) => latencies.push(latency),
            Err(error) => failures.push(error),
        }
    }
    let wall = start.elapsed();
    latencies.sort();

    if let Some(first) = failures.first() {
        let count = failures.len();
        return Err(Message(format!(
            "{count} of {requests} requests failed; the first: {first}"
        ))
        .into());
    }
    println!(
        "all {requests} answered in {:.3} s: {:.3} x the ideal {} s",
        wall.as_secs_f64(),
        wall.as_secs_f64() / ideal.as_secs_f64(),
        ideal.as_secs_f64()
    );
    // Each request's end, counted from the moment the first one was sent.
    let at = |fraction: f64| latencies[((latencies.len() - 1) as f64 * fraction) as usize];
    println!(
        "finished at: first {:.3} s, median {:.3} s, 99th percentile {:.3} s",
        at(0.0).as_secs_f64(),
        at(0.5).as_secs_f64(),
        at(0.99).as_secs_f64()
    );
    Ok(())
}
