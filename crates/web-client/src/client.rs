//! The one HTTP client a script uses for all its requests: the twin of `aiohttp.ClientSession`.
//!
//! It is hyper-util's pooled "legacy" client with the settings aiohttp has and hyper does not
//! have by default: a connect timeout, a total timeout per request, and idle connections that
//! expire (which needs a timer: without `pool_timer`, `pool_idle_timeout` silently does
//! nothing). Cloning a [`Client`] is cheap and the clones share one pool, so tasks take a clone
//! where Python passes `sess` around.
//!
//! Two things a Python reader would not expect:
//! - A connection goes back to the pool only once its response body has been read to the end.
//!   [`Client::get`] always reads the whole body, so the connections are reused.
//! - There is no `async with`: the pool closes its connections when the last clone is dropped.
//!   A task holding a clone therefore cannot see a "Session is closed" error.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::{StatusCode, Uri};
use hyper_util::client::legacy::Client as Pool;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use util::timeline;

/// The size of each connection's read buffer (see [`Client::with_timeouts`]).
const READ_BUFFER: usize = 1024;

/// A pooled HTTP/1.1 client. See the module docs.
#[derive(Clone)]
pub struct Client {
    pool: Pool<HttpConnector, Empty<Bytes>>,
    timeout: Duration,
}

/// `Client { .. }`: what a call's arguments show (`#[async_timed]` prints them), where Python
/// shows `<aiohttp.client.ClientSession object at 0x...>`.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl Client {
    /// A client with a 5 s connect timeout and a 60 s limit per request (aiohttp's defaults
    /// are no connect limit and 300 s in total).
    pub fn new() -> Self {
        Client::with_timeouts(Duration::from_secs(5), Duration::from_secs(60))
    }

    /// A client with the given connect timeout and total limit per request.
    pub fn with_timeouts(connect: Duration, request: Duration) -> Self {
        Client::build(connect, request, false)
    }

    /// A client that speaks HTTP/2 without TLS ("prior knowledge"): all the requests to one
    /// server are streams of a single connection, as many at once as the server allows. Our
    /// test service speaks it when started with `Protocol::Http2`.
    pub fn http2() -> Self {
        Client::build(Duration::from_secs(5), Duration::from_secs(60), true)
    }

    fn build(connect: Duration, request: Duration, http2: bool) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(connect));
        connector.set_nodelay(true);
        let pool = Pool::builder(TokioExecutor::new())
            .http2_only(http2)
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            // Below uvicorn's 5 s keep-alive, so that we drop an idle connection before the
            // article's server closes it under us.
            .pool_idle_timeout(Duration::from_secs(4))
            // The service's answers are a few hundred bytes. hyper's default is a read buffer
            // of 8 KiB per connection, allocated twice in a request's life (a second time to
            // look for the end of the connection while the first still holds the answer):
            // with 5,000 connections that is 80 MB of fresh memory. Larger answers still work,
            // read 1 KiB at a time.
            .http1_read_buf_exact_size(READ_BUFFER)
            .build(connector);
        Client {
            pool,
            timeout: request,
        }
    }

    /// `GET url`, reading the whole body. A status other than 2xx is an error.
    pub async fn get(&self, url: &str) -> Result<Bytes, ClientError> {
        let (status, body) = self.exchange(url).await?;
        if status.is_success() {
            Ok(body)
        } else {
            Err(ClientError {
                url: url.to_owned(),
                kind: Kind::Status(status),
            })
        }
    }

    /// `GET url`, reading the whole body, and its status, whatever it is: aiohttp's
    /// `result.status`.
    pub async fn get_status(&self, url: &str) -> Result<StatusCode, ClientError> {
        Ok(self.exchange(url).await?.0)
    }

    /// `GET url`: the status, whatever it is, and the whole body, as aiohttp's `session.get`
    /// gives both without raising for a 404.
    pub async fn get_page(&self, url: &str) -> Result<(StatusCode, Bytes), ClientError> {
        self.exchange(url).await
    }

    async fn exchange(&self, url: &str) -> Result<(StatusCode, Bytes), ClientError> {
        let fail = |kind| ClientError {
            url: url.to_owned(),
            kind,
        };
        let uri: Uri = url.parse().map_err(|_| fail(Kind::BadUrl))?;
        if uri.scheme_str() != Some("http") {
            // `python://bad`, or `https://` (this client speaks plain HTTP only).
            return Err(fail(Kind::BadUrl));
        }
        let path = uri.path().to_owned();
        let exchange = async {
            let response = self.pool.get(uri).await.map_err(|error| {
                if error.is_connect() && out_of_descriptors(&error) {
                    Kind::OutOfFiles(chain(&error))
                } else if error.is_connect() {
                    Kind::Connect(chain(&error))
                } else {
                    Kind::Http(chain(&error))
                }
            })?;
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|error| Kind::Http(chain(&error)))?
                .to_bytes();
            Ok((status, body))
        };
        // On a timeline (`ASYNCIO_TIMELINE=1`) each request is a span of waiting on I/O.
        let exchange = tokio::time::timeout(self.timeout, exchange);
        match timeline::span(timeline::Kind::Io, || format!("GET {path}"), exchange).await {
            Ok(result) => result.map_err(fail),
            Err(_) => Err(fail(Kind::Timeout(self.timeout))),
        }
    }

    /// `GET url` and parse the body as JSON: `await resp.json()`.
    pub async fn get_json(&self, url: &str) -> Result<serde_json::Value, ClientError> {
        let body = self.get(url).await?;
        serde_json::from_slice(&body).map_err(|error| ClientError {
            url: url.to_owned(),
            kind: Kind::NotJson(error.to_string()),
        })
    }
}

/// Why a request failed. Its `Display` (and `Debug`, which is what `main` prints when it
/// returns an error) is one readable line naming the URL.
pub struct ClientError {
    url: String,
    kind: Kind,
}

enum Kind {
    BadUrl,
    Connect(String),
    /// A connection this program could not open: it has as many files open as it may.
    OutOfFiles(String),
    Http(String),
    Status(StatusCode),
    NotJson(String),
    Timeout(Duration),
}

impl ClientError {
    /// Whether the server could not be reached at all (refused, unreachable, connect timeout).
    pub fn is_connect(&self) -> bool {
        matches!(self.kind, Kind::Connect(_) | Kind::OutOfFiles(_))
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.url;
        match &self.kind {
            Kind::BadUrl => write!(f, "{url:?} is not an http:// URL"),
            Kind::Connect(cause) => {
                write!(
                    f,
                    "cannot connect to {url} (is the server running?): {cause}"
                )
            }
            Kind::OutOfFiles(cause) => write!(
                f,
                "cannot connect to {url}: this program has reached its open-file limit \
                 (`ulimit -n`), one file per connection: {cause}"
            ),
            Kind::Http(cause) => write!(f, "GET {url} failed: {cause}"),
            Kind::Status(status) => write!(f, "GET {url}: the server answered {status}"),
            Kind::NotJson(cause) => write!(f, "GET {url}: the body is not JSON: {cause}"),
            Kind::Timeout(limit) => write!(f, "GET {url}: no answer within {limit:?}"),
        }
    }
}

impl fmt::Debug for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for ClientError {}

/// Whether an error's causes include running out of file descriptors (`EMFILE` for this
/// process, `ENFILE` for the whole system): then the server may be running fine.
fn out_of_descriptors(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        let raw = error
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::raw_os_error);
        if matches!(raw, Some(23 | 24)) {
            return true;
        }
        cause = error.source();
    }
    false
}

/// hyper's errors say little at the top ("client error (Connect)"); the cause that helps a
/// reader ("Connection refused") is further down the chain.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use web_service::{Config, serve};

    async fn server(latency: Duration) -> String {
        let listener = serve::listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let config = Config {
            latency,
            ..Config::default()
        };
        tokio::spawn(serve(listener, config, std::future::pending()));
        base
    }

    #[tokio::test(start_paused = true)]
    async fn reuses_one_connection_for_sequential_requests() {
        use hyper::server::conn::http1;
        use hyper::service::service_fn;
        use hyper_util::rt::TokioIo;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};

        // A server that counts the connections it accepts.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&accepted);
        tokio::spawn(async move {
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                counter.fetch_add(1, Ordering::SeqCst);
                let service = service_fn(|_| async {
                    let body = http_body_util::Full::new(Bytes::from_static(b"{}"));
                    Ok::<_, std::convert::Infallible>(hyper::Response::new(body))
                });
                tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
            }
        });

        let client = Client::new();
        for _ in 0..3 {
            assert_eq!(client.get_json(&url).await.unwrap(), serde_json::json!({}));
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn errors_name_the_url_and_the_cause() {
        let client = Client::new();
        let refused = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let url = format!("http://{}/", listener.local_addr().unwrap());
            drop(listener);
            client.get(&url).await.unwrap_err()
        };
        assert!(refused.is_connect());
        assert!(
            refused.to_string().contains("(is the server running?)"),
            "{refused}"
        );
        assert!(
            refused.to_string().contains("Connection refused"),
            "{refused}"
        );
        // `main` prints errors with `{:?}`: it must be the same readable line.
        assert_eq!(format!("{refused:?}"), refused.to_string());

        let bad = client.get("not a url at all").await.unwrap_err();
        assert_eq!(
            bad.to_string(),
            r#""not a url at all" is not an http:// URL"#
        );

        let base = server(Duration::from_secs(120)).await;
        let slow = Client::with_timeouts(Duration::from_secs(5), Duration::from_secs(60));
        let started = tokio::time::Instant::now();
        let late = slow.get(&format!("{base}/")).await.unwrap_err();
        assert_eq!(started.elapsed(), Duration::from_secs(60));
        assert!(late.to_string().ends_with("no answer within 60s"), "{late}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_is_not_json_is_a_clear_error() {
        // A server that answers 200 with plain text.
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = [0; 1024];
            let _ = stream.read(&mut request).await.unwrap();
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                .await
                .unwrap();
        });
        let error = Client::new().get_json(&url).await.unwrap_err();
        assert!(
            error.to_string().contains("the body is not JSON"),
            "{error}"
        );
    }
}
