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
//! Measured on this project's 2-core machine: see `docs/http-guide.md`.
//!
//! What it takes on the Rust side (none of it is needed for three requests):
//! - The client opens one connection per request in flight: hyper's pool has no limit like
//!   aiohttp's default of 100, so 5,000 requests are 5,000 connections, plus 5,000 on the
//!   server side of this process. `web_service::bind` raises the open-file limit.
//! - The listener asks for a backlog of 8,192 (the kernel caps it at `net.core.somaxconn`).
//!   With `TcpListener::bind`'s 128, a burst of connects overflows the queue and the kernel
//!   makes the extra clients retry a second later: 1,000 requests took 2.0 to 2.3 s, 5,000 up
//!   to 5.4 s.
//! - A multi-thread runtime: client and server share both cores. (A Python program would need
//!   several processes for that.)

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;
use web_service::{Args, Client, Message};

#[util::main(multi_thread)]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::from_env(&["--requests"], &[])?;
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
