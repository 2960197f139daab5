//! Listing 2.20: a blocking HTTP call inside a task blocks the whole event loop.
//!
//! The Rust twin of the book's Listing 2.20. Three tasks each fetch a status code with a
//! *blocking* client (the listing uses `requests`). We expect them to overlap and take as long
//! as one request, but each call holds the only thread of the runtime until its answer is
//! there, so the three run one after the other: three times 0.5 s. The fix is in
//! `listing_2_20_fixed`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_20
//! cargo run --example listing_2_20 -- --url http://example.com/
//! ```
//! The book fetches `www.example.com`; we never touch the internet, so the example starts a
//! local stand-in on a thread of its own, answering after `--latency` (0.5 s), unless `--url`
//! names a real site. Each request waits at most `--timeout` seconds (10) for its answer: a
//! server that accepts and never answers ends the program with `Error: GET ...: no answer
//! within 10 s`.
//!
//! Expected output (1.5 s):
//! ```text
//! starting listing_main with args ()
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! starting get_example_status with args ()
//! finished get_example_status in [..] second(s)
//! finished listing_main in [..] second(s)
//! ```
//! The requests take 0.50 s each and `listing_main` 1.51 s or so (real network time).
//!
//! Where Rust differs: nothing, and that is the point. A blocking call in an `async fn` blocks
//! the runtime's thread in Rust exactly as in Python. Rust cannot see it either: the compiler
//! accepts it. `std::net` (like `std::fs` and `std::thread::sleep`) blocks; `tokio::net` does
//! not. The stand-in runs on a thread of its own here: on the blocked thread it could never
//! answer, and the program would hang.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::time::Duration;

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;
use util::cli::parse_seconds;

/// The URL the listing hard-codes, and how long a request may wait (`--timeout`); set once
/// from the command line.
static URL: OnceLock<String> = OnceLock::new();
static TIMEOUT: OnceLock<Duration> = OnceLock::new();

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

// WRONG -- don't do this: a blocking call inside an async fn.
#[util::async_timed]
async fn get_example_status() -> Result<u16, String> {
    let url = URL.get().expect("main sets the URL first");
    blocking_get_status(url, *TIMEOUT.get().expect("main sets the timeout first"))
}

/// The listing's `main`. It is a function of its own so that the time it prints leaves out
/// what the Python listing does not do: starting the local stand-in.
#[util::async_timed]
async fn listing_main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let task_1 = tokio::spawn(get_example_status());
    let task_2 = tokio::spawn(get_example_status());
    let task_3 = tokio::spawn(get_example_status());
    task_1.await??;
    task_2.await??;
    task_3.await??;
    Ok(())
}

/// Listing 2.20: a blocking HTTP call in each of three tasks runs them one after the other
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
    // The stand-in gets a thread of its own: this runtime's only thread is about to be blocked.
    let site = args.site.start_on_thread()?;
    URL.get_or_init(|| site.url("/"));
    TIMEOUT.get_or_init(|| args.timeout);
    listing_main().await
}
