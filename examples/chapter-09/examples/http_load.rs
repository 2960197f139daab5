//! Not a listing: the load the book puts on Listings 9.2 and 9.5 to compare them, as a
//! program: a number of connections asking for one URL, each as soon as its last answer came,
//! for a number of seconds; then the requests per second and the latency percentiles.
//!
//! Run with:
//! ```text
//! cargo run --release --example http_load -- --url http://127.0.0.1:8080/brands
//! ```
//!
//! Expected output, against Listing 9.2; the figures are the machine's:
//! ```text
//! [..] requests in 10.0 s: [..] requests/s
//! latency: p50 [..] ms, p90 [..] ms, p99 [..] ms, max [..] ms
//! errors: 0
//! ```
//!
//! How it works: each connection is a task on a multi-threaded runtime that writes a GET,
//! reads the answer's head and its `Content-Length` bytes, and notes how long that took. A
//! server that keeps connections open is asked again on the same one; one that closes them
//! (Listing 9.5, as Flask's does) gets a new connection for each request, whose time counts in
//! the latency, as it does for a browser. Answers other than 200, and failed connections, are
//! errors; a server that answers nothing at all is one line and a non-zero status.

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Many connections asking for one URL: requests per second and latencies
#[derive(Parser)]
struct Args {
    /// The URL to ask for: http://HOST:PORT/PATH
    #[arg(long)]
    url: String,
    /// How many connections ask at once
    #[arg(long, default_value_t = 50, value_parser = util::cli::at_least_one)]
    connections: usize,
    /// How long to ask for
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = util::cli::parse_seconds)]
    duration: Duration,
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: u64,
    last_error: Option<String>,
}

#[util::main(multi_thread)]
async fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    let (address, path) = split_url(&args.url)?;
    let request: Arc<[u8]> = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n")
        .into_bytes()
        .into();
    let started = Instant::now();
    let deadline = started + args.duration;
    let workers: Vec<_> = (0..args.connections)
        .map(|_| tokio::spawn(ask(address.clone(), Arc::clone(&request), deadline)))
        .collect();
    let mut tally = Tally::default();
    for worker in workers {
        let seen = worker.await?;
        tally.latencies.extend(seen.latencies);
        tally.errors += seen.errors;
        tally.last_error = seen.last_error.or(tally.last_error);
    }
    let elapsed = started.elapsed().as_secs_f64();
    if tally.latencies.is_empty() {
        let why = tally.last_error.unwrap_or_else(|| "no answer".to_owned());
        return Err(format!("no request to {} succeeded: {why}", args.url).into());
    }
    tally.latencies.sort_unstable();
    let percentile = |p: f64| {
        let at = ((tally.latencies.len() - 1) as f64 * p).round() as usize;
        tally.latencies[at].as_secs_f64() * 1e3
    };
    let requests = tally.latencies.len();
    println!(
        "{requests} requests in {elapsed:.1} s: {:.0} requests/s",
        requests as f64 / elapsed
    );
    println!(
        "latency: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(0.5),
        percentile(0.9),
        percentile(0.99),
        percentile(1.0)
    );
    println!("errors: {}", tally.errors);
    Ok(())
}

/// `http://HOST:PORT/PATH` as (`HOST:PORT`, `/PATH`).
fn split_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("not an http:// URL: {url}"))?;
    let (address, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if address.is_empty() {
        return Err(format!("no host in {url}"));
    }
    let address = if address.contains(':') {
        address.to_owned()
    } else {
        format!("{address}:80")
    };
    let path = if path.is_empty() { "/" } else { path };
    Ok((address, path.to_owned()))
}

/// One connection's requests, until `deadline`.
async fn ask(address: String, request: Arc<[u8]>, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut connection: Option<BufReader<TcpStream>> = None;
    while Instant::now() < deadline {
        let asked = Instant::now();
        let answer = async {
            let stream = match connection.take() {
                Some(open) => open,
                None => BufReader::new(TcpStream::connect(&address).await?),
            };
            exchange(stream, &request).await
        };
        match answer.await {
            Ok((status, kept)) => {
                if status == 200 {
                    tally.latencies.push(asked.elapsed());
                } else {
                    tally.errors += 1;
                    tally.last_error = Some(format!("status {status}"));
                }
                connection = kept;
            }
            Err(error) => {
                tally.errors += 1;
                tally.last_error = Some(error.to_string());
                // A server that refuses is asked again a little later, not in a tight loop.
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
    tally
}

/// One request and its answer: the status, and the connection if the server keeps it open.
async fn exchange(
    mut stream: BufReader<TcpStream>,
    request: &[u8],
) -> io::Result<(u16, Option<BufReader<TcpStream>>)> {
    stream.get_mut().write_all(request).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|status| status.parse().ok())
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, format!("no status: {line:?}"))
        })?;
    let (mut length, mut close) = (0, false);
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((header, ""));
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().unwrap_or(0);
        } else if name.eq_ignore_ascii_case("connection") {
            close = value.eq_ignore_ascii_case("close");
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    Ok((status, (!close).then_some(stream)))
}
