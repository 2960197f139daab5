//! Listing 2.20, fixed: the same three requests, overlapping this time.
//!
//! The companion of `listing_2_20`. The book promises two fixes for blocking calls in tasks
//! (an async client in chapter 4, a thread pool in chapter 7); this runs both, one after the
//! other. Each takes about 1 s for three requests, instead of 3 s:
//! - `with_async_client`: the pooled async client. While a request waits for its answer, its
//!   task is parked and the runtime runs the others.
//! - `with_spawn_blocking`: the blocking client unchanged, moved to tokio's blocking thread pool
//!   with `spawn_blocking` (`asyncio.to_thread` / `run_in_executor`). The three calls block
//!   three pool threads, not the runtime's.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_20_fixed
//! cargo run --example listing_2_20_fixed -- --url http://127.0.0.1:8000
//! ```
//!
//! Expected output (2 s):
//! ```text
//! starting with_async_client with args ()
//! starting get_example_status with args ()
//! starting get_example_status with args ()
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! finished get_example_status in [..] second(s)
//! finished get_example_status in [..] second(s)
//! finished with_async_client in [..] second(s)
//! starting with_spawn_blocking with args ()
//! starting get_example_status_blocking with args ()
//! starting get_example_status_blocking with args ()
//! starting get_example_status_blocking with args ()
//! finished get_example_status_blocking in [..] second(s)
//! finished get_example_status_blocking in [..] second(s)
//! finished get_example_status_blocking in [..] second(s)
//! finished with_spawn_blocking in [..] second(s)
//! ```
//! Every line reports about 1.00 s (real network time).
//!
//! Where Rust differs: `spawn_blocking` takes a plain closure, not an async function. The
//! timed wrapper is an `async fn` that awaits the closure's `JoinHandle`; the blocking call
//! itself runs on a pool thread (up to 512 by default). A running blocking job cannot be
//! cancelled: aborting its handle only stops waiting for it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::{LazyLock, OnceLock};
use std::time::Duration;

use clap::Parser;
use util::cli::parse_seconds;
use web_client::{Client, ClientError, ServiceArgs};

/// The URL the listing hard-codes, and how long a blocking request may wait (`--timeout`);
/// set once from the command line.
static URL: OnceLock<String> = OnceLock::new();
static TIMEOUT: OnceLock<Duration> = OnceLock::new();
/// One pooled client for the whole program, like a module-level `aiohttp.ClientSession`.
static CLIENT: LazyLock<Client> = LazyLock::new(Client::new);

fn url() -> &'static str {
    URL.get().expect("main sets the URL first")
}

#[util::async_timed]
async fn get_example_status() -> Result<u16, ClientError> {
    CLIENT.get(url()).await?;
    Ok(200) // `get` turns any other status into an error
}

#[util::async_timed]
async fn with_async_client() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let task_1 = tokio::spawn(get_example_status());
    let task_2 = tokio::spawn(get_example_status());
    let task_3 = tokio::spawn(get_example_status());
    task_1.await??;
    task_2.await??;
    task_3.await??;
    Ok(())
}

// The blocking GET of listing_2_20, unchanged (each example is a program of its own).
/// `requests.get(url).status_code`, the blocking way: `std::net` waits on the socket with the
/// thread, where `tokio::net` would hand the thread back to the runtime. `Connection: close`
/// makes the server end the answer by closing, so reading to the end reads the whole answer.
fn blocking_get_status(url: &str, answer_within: Duration) -> Result<u16, String> {
    let fail = |why: String| format!("GET {url}: {why}");
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| fail("not an http:// URL".into()))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = TcpStream::connect(host)
        .map_err(|e| format!("cannot connect to {url} (is the server running?): {e}"))?;
    // A server that accepts and never answers must not hang the program.
    stream
        .set_read_timeout(Some(answer_within))
        .map_err(|e| fail(e.to_string()))?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let mut answer = Vec::new();
    stream
        .write_all(request.as_bytes())
        .and_then(|()| stream.read_to_end(&mut answer))
        .map_err(|e| match e.kind() {
            ErrorKind::WouldBlock | ErrorKind::TimedOut => fail(format!(
                "no answer within {} s",
                answer_within.as_secs_f64()
            )),
            _ => fail(e.to_string()),
        })?;
    // `HTTP/1.1 200 OK`: the code is the second word of the first line.
    let answer = String::from_utf8_lossy(&answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| fail(format!("not an HTTP answer: {:?}", answer.lines().next())))
}

#[util::async_timed]
async fn get_example_status_blocking() -> Result<u16, String> {
    // The blocking call, now on a pool thread.
    let timeout = *TIMEOUT.get().expect("main sets the timeout first");
    tokio::task::spawn_blocking(move || blocking_get_status(url(), timeout))
        .await
        .map_err(|error| format!("the blocking job failed: {error}"))?
}

#[util::async_timed]
async fn with_spawn_blocking() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let task_1 = tokio::spawn(get_example_status_blocking());
    let task_2 = tokio::spawn(get_example_status_blocking());
    let task_3 = tokio::spawn(get_example_status_blocking());
    task_1.await??;
    task_2.await??;
    task_3.await??;
    Ok(())
}

/// Listing 2.20, fixed: an async client, or the blocking call on the blocking pool
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// How long each request may wait for its answer
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    timeout: Duration,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    // The service gets its own thread: while `spawn_blocking` jobs run, tokio's paused test
    // clock stops moving on this runtime, so a service here could never finish its sleep.
    let service = args.service.service_on_thread()?;
    URL.get_or_init(|| service.url("/"));
    TIMEOUT.get_or_init(|| args.timeout);
    with_async_client().await?;
    with_spawn_blocking().await
}
