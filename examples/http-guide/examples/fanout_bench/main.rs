//! A benchmark: N concurrent GETs of the 1-second endpoint through one pooled client.
//!
//! The guide's scripts send three requests; this sends thousands at once, to check the claim
//! behind them: requests that overlap take as long as one. It starts the test service
//! in-process (or uses `--url`), fires `--requests N` GETs of `/` at the same moment through a
//! single `web_client::Client`, waits for all of them, and prints the wall time and its ratio
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
//! What it takes on the Rust side (none of it is needed for three requests; each knob is in
//! `tuning.rs` beside this file, with what it was worth):
//! - The client opens one connection per request in flight: hyper's pool has no limit like
//!   aiohttp's default of 100, so 5,000 requests are 5,000 connections, plus 5,000 on the
//!   server side of this process. `main` raises the open-file limit and grows the descriptor
//!   table to match at once.
//! - The web service asks for a backlog of 8,192 (the kernel caps it at `net.core.somaxconn`,
//!   4,096 here). Even that overflowed in one run in ten at 5,000, so the in-process server
//!   listens several times on its port (`SO_REUSEPORT`): one queue more than the requests
//!   need, three for 5,000 or 10,000.
//! - Memory: 10,000 connections touch about 135 MB within a third of a second; `main` tells
//!   glibc's allocator to open its per-thread heaps in one step. That call has to come before
//!   the runtime starts its threads, which is why this example builds its runtime with
//!   `util::runtime::Options` instead of `#[util::main(multi_thread)]`.
//! - `--http2` sends every request as a stream of one HTTP/2 connection: no connection storm,
//!   no accept queue to overflow, and two descriptors in all. The service raises HTTP/2's
//!   limit of concurrent streams from hyper's 200 to 100,000 (`web_service::MAX_STREAMS`);
//!   the client follows the server's limit.
//! - A multi-thread runtime: client and server share both cores. (A Python program would need
//!   several processes for that.)

mod tuning;

use clap::Parser;
use serve::StandInArgs;
use tokio::task::JoinSet;
use tokio::time::Instant;
use web_client::Client;
use web_service::WebService;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// N concurrent GETs of the 1-second endpoint through one pooled client
#[derive(Parser)]
struct Args {
    /// How many requests to send at once
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = util::cli::at_least_one)]
    requests: usize,
    #[command(flatten)]
    service: StandInArgs<WebService>,
    /// Send the requests as streams of one HTTP/2 connection instead of a connection each
    /// (the in-process service then speaks HTTP/2; a server given with --url must too)
    #[arg(long)]
    http2: bool,
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    // Before the runtime's threads exist: see the header.
    tuning::open_heaps_in_one_step();
    let limit = serve::raise_open_file_limit().unwrap_or(1024);
    // Every request is a connection: one descriptor here, and one more for the server's side
    // when it runs in this process. Past the limit, connects and accepts fail and are retried
    // with pauses, which measures the limit, not the requests: refuse instead.
    let in_process = args.service.given().is_none();
    let sides = if in_process { 2 } else { 1 };
    // Over HTTP/2 all the requests share one connection.
    let connections = if args.http2 { 1 } else { args.requests as u64 };
    let needed = sides * connections + 64;
    if needed > limit {
        let most = (limit.saturating_sub(64) / sides).max(1);
        let elsewhere = if in_process {
            ", or run the server in another process (`--url`)"
        } else {
            ""
        };
        return Err(format!(
            "{} requests need about {needed} open files and the limit here is {limit} \
             (`ulimit -Hn`): ask for {most} or fewer{elsewhere}",
            args.requests
        )
        .into());
    }
    tuning::grow_descriptor_table(limit);
    util::runtime::Options::new()
        .multi_thread()
        .run(fan_out(args))
}

async fn fan_out(args: Args) -> Result<(), BoxError> {
    let requests = args.requests;
    let ideal = args.service.latency();
    // The in-process service is the article's, its answers all due after 1 s: not the
    // examples' stand-in, which spaces them out.
    let config = web_service::Config {
        latency: ideal,
        protocol: if args.http2 {
            web_service::Protocol::Http2
        } else {
            web_service::Protocol::Http1
        },
        ..web_service::Config::default()
    };
    let url = match args.service.given() {
        Some(target) => target.url("/"),
        None if args.http2 => tuning::start_service_with_queues_for(1, config)?,
        None => tuning::start_service_with_queues_for(requests, config)?,
    };
    println!("{requests} concurrent GETs of {url}");

    let client = if args.http2 {
        Client::http2()
    } else {
        Client::new()
    };
    let start = Instant::now();
    let mut in_flight = JoinSet::new();
    for _ in 0..requests {
        let (client, url) = (client.clone(), url.clone());
        in_flight.spawn(async move {
            client.get(&url).await?;
            Ok::<_, web_client::ClientError>(start.elapsed())
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
        return Err(format!("{count} of {requests} requests failed; the first: {first}").into());
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
