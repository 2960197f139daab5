//! A stand-in for the internet hosts the book fetches.
//!
//! *Concurrency in Python with Asyncio* requests `https://www.example.com` (and, in chapter 4,
//! a bad `python://` URL) to show what waiting on the network does to a program. Our examples
//! never leave the machine: they start this server on a loopback port instead, through
//! `serve::StandInArgs<Internet>`, unless the reader points them at a real site with `--url`.
//!
//! | request | answer |
//! |---|---|
//! | `GET` any path | `200`, a small HTML page, after the latency (`--latency`, 0.5 s) |
//! | `GET /status/CODE` | status `CODE` (200 to 599), after the latency |
//! | `GET /crawl/` and its links | a four-page site with a cycle, a 404 and a dead link, for the chapter 12 crawler |
//! | `?delay=SECONDS` on any of them | that latency for this request instead |
//! | `HEAD` | what `GET` would answer, without the page |
//! | another method, or a request with a body | `405` at once, and the connection closed |
//!
//! The latency is what the book's timings are made of: two requests in turn take twice as long
//! as two at once. Answers due together are spaced a millisecond apart (`serve::Stagger`).
//!
//! It speaks just enough HTTP/1.1 for that, over `httparse`, hyper's own request parser:
//! persistent connections and pipelined requests, `Connection: close`, a request head of at
//! most 16 KiB (`431` past it) that must arrive within 10 s. Checked before writing it: hyper
//! would do all of it and more, and the guide's test service (`crates/web-service`) is built on
//! it; but hyper's features are shared across the workspace, where the guide needs its HTTP/2
//! and its client, so the chapters that only fetch a page (1, 2) would compile some 30 crates
//! more for a server that answers `GET`s.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use serve::{Stagger, StandIn};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use util::cli::parse_seconds;

/// The book's web sites, as a stand-in (see the crate's documentation).
#[derive(Debug)]
pub struct Internet;

impl StandIn for Internet {
    const SCHEME: &'static str = "http";
    const LATENCY: &'static str = "0.5";
    const NAME: &'static str = "internet";

    async fn serve(
        listener: TcpListener,
        latency: Duration,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) {
        serve(listener, latency, shutdown).await;
    }
}

/// The page every `GET` gets: a few lines of HTML, like example.com's, in our own words.
const PAGE: &str = "<!doctype html>\n<html>\n<head><title>Example site</title></head>\n\
<body>\n<h1>Example site</h1>\n<p>A local stand-in for the web sites the book fetches.</p>\n\
</body>\n</html>\n";

/// The longest request head read; hyper's default limit is of the same order.
const MAX_HEAD: usize = 16 << 10;

/// How long a client may take to send a request head, and how long an idle persistent
/// connection is kept.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves the sites on `listener` until `shutdown` completes; connections still open then are
/// dropped.
pub async fn serve(listener: TcpListener, latency: Duration, shutdown: impl Future<Output = ()>) {
    let site = Arc::new(Site {
        latency,
        stagger: Stagger::default(),
    });
    let clients = serve::accept_until(&listener, shutdown, |stream, _| {
        let site = Arc::clone(&site);
        async move {
            if let Err(error) = site.connection(stream).await {
                tracing::debug!(%error, "connection ended with an error");
            }
        }
    })
    .await;
    drop(clients);
}

struct Site {
    latency: Duration,
    stagger: Stagger,
}

/// What a request asks for, once its head is read.
struct Request {
    head_only: bool,
    path: String,
    query: String,
    host: String,
    /// The client said `Connection: close`, or spoke HTTP/1.0 without asking to keep it.
    close: bool,
}

impl Site {
    /// One connection: requests one after the other, until the client closes it or asks to.
    async fn connection(&self, mut stream: TcpStream) -> io::Result<()> {
        let _ = stream.set_nodelay(true);
        let mut buffer = Vec::with_capacity(1024);
        loop {
            let parsed =
                match tokio::time::timeout(HEAD_TIMEOUT, read_head(&mut stream, &mut buffer)).await
                {
                    // Out of time (a silent client, or an idle one), or closed between requests.
                    Err(_) | Ok(Ok(None)) => return Ok(()),
                    Ok(Ok(Some(parsed))) => parsed,
                    Ok(Err(error)) => return Err(error),
                };
            let request = match parsed {
                Ok(request) => request,
                Err((status, why)) => {
                    stream
                        .write_all(&response(status, why, false, true))
                        .await?;
                    return Ok(());
                }
            };
            let (status, body) = self.answer(&request).await;
            let bytes = response(status, &body, request.head_only, request.close);
            stream.write_all(&bytes).await?;
            if request.close {
                return Ok(());
            }
        }
    }

    /// The status and page for a request, after its latency.
    async fn answer(&self, request: &Request) -> (u16, String) {
        let delay = request
            .query
            .split('&')
            .find_map(|pair| pair.strip_prefix("delay="))
            .and_then(|seconds| parse_seconds(seconds).ok())
            .unwrap_or(self.latency);
        let (status, body) = if let Some(page) = request.path.strip_prefix("/crawl/") {
            match crawl_page(page, &request.host) {
                Some(page) => (200, page),
                None => (404, "no such page\n".to_owned()),
            }
        } else if let Some(code) = request.path.strip_prefix("/status/") {
            match code.parse() {
                Ok(code @ 200..=599) => (code, PAGE.to_owned()),
                _ => (404, "no such status\n".to_owned()),
            }
        } else {
            (200, PAGE.to_owned())
        };
        let (later, _waiting) = self.stagger.arrive();
        tokio::time::sleep(delay.saturating_add(later)).await;
        (status, body)
    }
}

/// Reads one request head into `buffer` (which may already hold the start of it, pipelined
/// behind the last one) and parses it: `None` if the client closed the connection between
/// requests, `Err((status, why))` for a request to refuse.
async fn read_head(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> io::Result<Option<Result<Request, (u16, &'static str)>>> {
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(buffer) {
            Ok(httparse::Status::Complete(length)) => {
                let request = request_of(&parsed);
                buffer.drain(..length);
                return Ok(Some(request));
            }
            Ok(httparse::Status::Partial) if buffer.len() < MAX_HEAD => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Ok(Some(Err((431, "request header fields too large\n"))));
            }
            Err(_) => return Ok(Some(Err((400, "bad request\n")))),
        }
        let mut chunk = [0; 4096];
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
}

fn request_of(parsed: &httparse::Request<'_, '_>) -> Result<Request, (u16, &'static str)> {
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|header| header.name.eq_ignore_ascii_case(name))
            .map(|header| String::from_utf8_lossy(header.value).into_owned())
    };
    let method = parsed.method.unwrap_or_default();
    // A body is never read: a request that has one ends its connection, unread.
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|length| length.trim() != "0");
    if !matches!(method, "GET" | "HEAD") || has_body {
        return Err((405, "method not allowed\n"));
    }
    let target = parsed.path.unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let connection = header("connection")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let close = connection.contains("close")
        || (parsed.version == Some(0) && !connection.contains("keep-alive"));
    Ok(Request {
        head_only: method == "HEAD",
        path: path.to_owned(),
        query: query.to_owned(),
        host: header("host").unwrap_or_else(|| "127.0.0.1".to_owned()),
        close,
    })
}

/// An HTTP/1.1 response with an HTML body (left out for a `HEAD`).
fn response(status: u16, body: &str, head_only: bool, close: bool) -> Vec<u8> {
    let mut bytes = format!(
        "HTTP/1.1 {status} {}\r\ncontent-type: text/html; charset=UTF-8\r\ncontent-length: {}\r\n{}\r\n",
        reason(status),
        body.len(),
        if close { "connection: close\r\n" } else { "" },
    )
    .into_bytes();
    if !head_only {
        bytes.extend_from_slice(body.as_bytes());
    }
    bytes
}

/// The reason phrase of the statuses a reader is likely to ask for; the phrase is optional in
/// HTTP/1.1, and clients go by the number.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// The small site under `/crawl/` that the chapter 12 crawler walks: the start page links to
/// two pages, one of which links back (a cycle) and one of which has a dead link (a server
/// that refuses connections) and a page that does not exist (404). Links are absolute, built
/// from the request's `Host`, as a crawler that follows `href`s as they are needs.
fn crawl_page(name: &str, host: &str) -> Option<String> {
    let links: &[&str] = match name {
        "" => &["/crawl/about", "/crawl/news"],
        "about" => &["/crawl/", "/crawl/team"],
        "news" => &["/crawl/missing", "http://127.0.0.1:1/offline"],
        "team" => &[],
        _ => return None,
    };
    let anchors: String = links
        .iter()
        .map(|link| {
            let href = if link.starts_with('/') {
                format!("http://{host}{link}")
            } else {
                (*link).to_owned()
            };
            format!("<a href=\"{href}\">{link}</a>\n")
        })
        .collect();
    Some(format!(
        "<!doctype html>\n<html>\n<body>\n<h1>{name}</h1>\n{anchors}</body>\n</html>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::SocketAddr;

    use clap::Parser;
    use serve::{StandInArgs, Target};

    #[derive(Parser)]
    struct Args {
        #[command(flatten)]
        site: StandInArgs<Internet>,
    }

    fn site(args: &[&str]) -> Target {
        let args = Args::parse_from(std::iter::once("x").chain(args.iter().copied()));
        args.site.start_on_thread().unwrap()
    }

    fn addr(target: &Target) -> SocketAddr {
        let url = target.url("");
        url.strip_prefix("http://").unwrap().parse().unwrap()
    }

    /// Sends raw bytes, then reads until the server closes or `answers` responses arrived.
    fn raw(addr: SocketAddr, request: &[u8]) -> String {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn answers_after_its_latency_with_the_status_asked_for() {
        let site = site(&["--latency", "0.2"]);
        let started = std::time::Instant::now();
        let response = ureq::get(site.url("/")).call().unwrap();
        assert_eq!(response.status(), 200);
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200), "{waited:?}");
        let body = response.into_body().read_to_string().unwrap();
        assert!(body.contains("<h1>Example site</h1>"), "{body}");

        let started = std::time::Instant::now();
        let error = ureq::get(site.url("/status/503?delay=0"))
            .call()
            .unwrap_err();
        assert!(matches!(error, ureq::Error::StatusCode(503)), "{error}");
        assert!(started.elapsed() < Duration::from_millis(200));
    }

    #[test]
    fn refuses_other_methods_bodies_and_statuses_that_do_not_exist() {
        let site = site(&["--latency", "0"]);
        let error = ureq::post(site.url("/")).send_empty().unwrap_err();
        assert!(matches!(error, ureq::Error::StatusCode(405)), "{error}");
        for status in ["9999", "100", "abc"] {
            let error = ureq::get(site.url(&format!("/status/{status}")))
                .call()
                .unwrap_err();
            assert!(matches!(error, ureq::Error::StatusCode(404)), "{error}");
        }
        let answer = raw(
            addr(&site),
            b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert!(answer.starts_with("HTTP/1.1 405 "), "{answer}");
    }

    #[test]
    fn serves_requests_one_after_another_on_one_connection() {
        let site = site(&["--latency", "0"]);
        let pipelined = b"GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n\
                          HEAD / HTTP/1.1\r\nHost: x\r\n\r\n\
                          GET /crawl/team HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        let answer = raw(addr(&site), pipelined);
        let statuses: Vec<&str> = answer
            .match_indices("HTTP/1.1 ")
            .map(|(at, _)| &answer[at + 9..at + 12])
            .collect();
        assert_eq!(statuses, ["201", "200", "200"], "{answer}");
        // The HEAD answer has no page: the next response follows its head at once.
        let head = answer.split("HTTP/1.1 200 OK").nth(1).unwrap();
        assert!(head.ends_with("\r\n\r\n"), "{answer}");
        assert!(
            answer.ends_with("<h1>team</h1>\n</body>\n</html>\n"),
            "{answer}"
        );
    }

    #[test]
    fn a_head_too_long_or_not_http_is_refused_and_the_connection_closed() {
        let site = site(&["--latency", "0"]);
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        let answer = raw(addr(&site), long.as_bytes());
        assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
        let answer = raw(addr(&site), b"\x00\x01 not http\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
        // HTTP/1.0 closes after its one answer, as the client expects.
        let answer = raw(addr(&site), b"GET / HTTP/1.0\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("connection: close\r\n"), "{answer}");
    }

    #[test]
    fn a_given_url_starts_nothing() {
        let site = site(&["--url", "http://example.com/"]);
        assert_eq!(site.url("/"), "http://example.com/");
    }

    #[tokio::test(start_paused = true)]
    async fn answers_due_together_come_a_millisecond_apart() {
        let listener = serve::listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(
            listener,
            Duration::from_secs(1),
            std::future::pending(),
        ));
        let started = tokio::time::Instant::now();
        let mut requests = tokio::task::JoinSet::new();
        for _ in 0..3 {
            requests.spawn(async move {
                let mut stream = TcpStream::connect(addr).await.unwrap();
                stream
                    .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .await
                    .unwrap();
                let mut answer = String::new();
                stream.read_to_string(&mut answer).await.unwrap();
                started.elapsed()
            });
        }
        let mut ends: Vec<Duration> = requests.join_all().await;
        ends.sort();
        let ms = |n| Duration::from_millis(n);
        assert_eq!(ends, [ms(1000), ms(1001), ms(1002)]);
    }
}
