//! Listing 2.20, fixed: the same three requests, overlapping this time.
//!
//! The companion of `listing_2_20`. The book promises two fixes for blocking calls in tasks
//! (an async client in chapter 4, a thread pool in chapter 7); this runs both, one after the
//! other. Each takes one request's time for the three requests, instead of three:
//! - `with_async_client`: the same GET, written on tokio's socket instead of the standard
//!   library's. While a request waits for its answer, its task is parked and the runtime runs
//!   the others. The two functions differ only where the comments say `New:`.
//! - `with_spawn_blocking`: the blocking GET unchanged, moved to tokio's blocking thread pool
//!   with `spawn_blocking` (`asyncio.to_thread` / `run_in_executor`). The three calls block
//!   three pool threads, not the runtime's.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_20_fixed
//! cargo run --example listing_2_20_fixed -- --url http://example.com/
//! ```
//! As in `listing_2_20`, the book's `www.example.com` is a local stand-in on a thread of its
//! own, answering after `--latency` (0.5 s), unless `--url` names a real site.
//!
//! Expected output (1 s):
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
//! Every line reports about 0.5 s (real network time), and the whole run takes about 1 s.
//!
//! Where Rust differs: `spawn_blocking` takes a plain closure, not an async function. The
//! timed wrapper is an `async fn` that awaits the closure's `JoinHandle`; the blocking call
//! itself runs on a pool thread (up to 512 by default). A running blocking job cannot be
//! cancelled: aborting its handle only stops waiting for it. The async GET is bounded with
//! `tokio::time::timeout`, the twin of the blocking socket's read timeout.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::time::Duration;

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use util::cli::parse_seconds;

/// The URL the listing hard-codes, and how long a request may wait (`--timeout`); set once
/// from the command line.
static URL: OnceLock<String> = OnceLock::new();
static TIMEOUT: OnceLock<Duration> = OnceLock::new();

fn url() -> &'static str {
    URL.get().expect("main sets the URL first")
}

fn timeout() -> Duration {
    *TIMEOUT.get().expect("main sets the timeout first")
}

/// Where an `http://HOST:PORT/PATH` URL points, for a GET written by hand.
fn host_and_path(url: &str) -> Result<(&str, &str), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("GET {url}: not an http:// URL"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    Ok((host, if path.is_empty() { "/" } else { path }))
}

/// The status code of an answer: `HTTP/1.1 200 OK` has it as its second word.
fn status_of(url: &str, answer: &[u8]) -> Result<u16, String> {
    let answer = String::from_utf8_lossy(answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("GET {url}: not an HTTP answer: {:?}", answer.lines().next()))
}

/// `requests.get(url).status_code`, the blocking way: `std::net` waits on the socket with the
/// thread. `Connection: close` makes the server end the answer by closing, so reading to the
/// end reads the whole answer. (The GET of `listing_2_20`: each example is a program of its
/// own.)
fn blocking_get_status(url: &str, answer_within: Duration) -> Result<u16, String> {
    let (host, path) = host_and_path(url)?;
    let mut stream = TcpStream::connect(host)
        .map_err(|e| format!("cannot connect to {url} (is the server running?): {e}"))?;
    // A server that accepts and never answers must not hang the program.
    stream
        .set_read_timeout(Some(answer_within))
        .map_err(|e| format!("GET {url}: {e}"))?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let mut answer = Vec::new();
    stream
        .write_all(request.as_bytes())
        .and_then(|()| stream.read_to_end(&mut answer))
        .map_err(|e| match e.kind() {
            ErrorKind::WouldBlock | ErrorKind::TimedOut => {
                format!(
                    "GET {url}: no answer within {} s",
                    answer_within.as_secs_f64()
                )
            }
            _ => format!("GET {url}: {e}"),
        })?;
    status_of(url, &answer)
}

/// The same GET on tokio's socket: each wait hands the thread back to the runtime.
async fn get_status(url: &str, answer_within: Duration) -> Result<u16, String> {
    let (host, path) = host_and_path(url)?;
    // New: `tokio::net::TcpStream`, and `.await` on every call that waits.
    let mut stream = tokio::net::TcpStream::connect(host)
        .await
        .map_err(|e| format!("cannot connect to {url} (is the server running?): {e}"))?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let mut answer = Vec::new();
    let exchange = async {
        stream.write_all(request.as_bytes()).await?;
        stream.read_to_end(&mut answer).await
    };
    // New: the deadline is a future of its own around the exchange, not a socket option.
    match tokio::time::timeout(answer_within, exchange).await {
        Ok(Ok(_)) => status_of(url, &answer),
        Ok(Err(e)) => Err(format!("GET {url}: {e}")),
        Err(_elapsed) => Err(format!(
            "GET {url}: no answer within {} s",
            answer_within.as_secs_f64()
        )),
    }
}

#[util::async_timed]
async fn get_example_status() -> Result<u16, String> {
    get_status(url(), timeout()).await
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

#[util::async_timed]
async fn get_example_status_blocking() -> Result<u16, String> {
    // The blocking call, now on a pool thread.
    tokio::task::spawn_blocking(|| blocking_get_status(url(), timeout()))
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

/// Listing 2.20, fixed: an async GET, or the blocking GET on the blocking pool
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
    /// How long each request may wait for its answer
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    timeout: Duration,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    // The stand-in gets its own thread: while `spawn_blocking` jobs run, tokio's paused test
    // clock stops moving on this runtime, so a stand-in here could never finish its wait.
    let site = args.site.start_on_thread()?;
    URL.get_or_init(|| site.url("/"));
    TIMEOUT.get_or_init(|| args.timeout);
    with_async_client().await?;
    with_spawn_blocking().await
}
