//! The test web service: the twin of the guide's FastAPI `web.py`.
//!
//! | request | answer (after [`Config::latency`], 1 s by default) |
//! |---|---|
//! | `GET /` | `200 {"msg": "ok"}` |
//! | `GET /random` | `200 {"msg": <float in [0, 1)>}` |
//! | another method on those paths | `405 {"detail": "Method Not Allowed"}` at once |
//! | any other path | `404 {"detail": "Not Found"}` at once |
//!
//! The JSON shapes are FastAPI's, so the Rust clients can talk to the Python service and the
//! Python scripts to this one.
//!
//! What uvicorn does for FastAPI and we do by hand here: one task per connection, an HTTP/1.1
//! parser that answers garbage with `400` (hyper does that), a deadline for reading the request
//! headers so a stalled client cannot hold a connection forever, and a graceful shutdown that
//! lets in-flight requests finish but not for longer than [`Config::shutdown_grace`].

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{ALLOW, CONTENT_TYPE, HOST, HeaderValue};
use hyper::server::conn::{http1, http2};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serve::Stagger;
use tokio::net::TcpListener;

/// How the service behaves. `Config::default()` is the article's service.
#[derive(Clone, Debug)]
pub struct Config {
    /// How long `/` and `/random` wait before answering: the article's `asyncio.sleep(1)`.
    pub latency: Duration,
    /// Whether answers due in the same instant are spaced a millisecond apart
    /// ([`serve::Stagger`]), as the stand-in the client examples start does. Off for the
    /// article's server, whose thousand answers to a thousand clients all come after 1 s.
    pub stagger: bool,
    /// A client must send its whole request head within this time, or the connection is
    /// closed. This also closes idle keep-alive connections.
    pub header_read_timeout: Duration,
    /// After shutdown is requested, how long in-flight requests may still run.
    pub shutdown_grace: Duration,
    /// Seed for `/random`; `None` draws from the OS. The examples seed it under the tests'
    /// paused clock so that their transcripts are exact.
    pub seed: Option<u64>,
    /// Which HTTP the service speaks: HTTP/1.1, as the guide's uvicorn does, or HTTP/2 without
    /// TLS (clients must know beforehand, "prior knowledge"), for the benchmark's `--http2`.
    pub protocol: Protocol,
}

/// See [`Config::protocol`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Protocol {
    #[default]
    Http1,
    /// Every request a stream of one connection per client. Up to [`MAX_STREAMS`] at once on
    /// a connection, where hyper allows 200 by default.
    Http2,
}

/// How many requests one HTTP/2 connection may have in flight.
pub const MAX_STREAMS: u32 = 100_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            latency: Duration::from_secs(1),
            stagger: false,
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(10),
            seed: None,
            protocol: Protocol::Http1,
        }
    }
}

/// Serves the test web service on `listener` until `shutdown` completes.
///
/// Then it stops accepting, lets the requests in flight finish (hyper closes each connection
/// after its current response), and returns once they are done or [`Config::shutdown_grace`]
/// has passed, whichever comes first; connections still open then are dropped.
///
/// A broken client (garbage, a disconnect half-way, a stalled request) only ends its own
/// connection. Errors from `accept` (for example running out of file descriptors) are logged
/// and retried after a short pause rather than ending the server.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let state = Arc::new(State::new(&config));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout)
        // A client that sends its request and then closes its sending side (`nc -N`,
        // `shutdown(SHUT_WR)`) still reads: answer it rather than close on the end of input.
        .half_close(true);
    let mut http2 = http2::Builder::new(TokioExecutor::new());
    http2
        .timer(TokioTimer::new())
        .max_concurrent_streams(MAX_STREAMS);
    let graceful = GracefulShutdown::new();
    let mut connections = serve::accept_until(&listener, shutdown, |stream, peer| {
        // Small responses go out at once instead of waiting for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        // `route` keeps only what `respond` needs and drops the request at once. Holding it
        // through the 1 s wait would pin hyper's 8 KiB read buffer (the request's headers
        // point into it), and hyper would allocate a second one for the connection's next
        // read: 40 MB more for 5,000 connections, and 5,000 more page faults.
        let service = service_fn(move |request| respond(Arc::clone(&state), route(&request)));
        let io = TokioIo::new(stream);
        let connection: Pin<Box<dyn Future<Output = hyper::Result<()>> + Send>> =
            match config.protocol {
                Protocol::Http1 => Box::pin(graceful.watch(http.serve_connection(io, service))),
                Protocol::Http2 => Box::pin(graceful.watch(http2.serve_connection(io, service))),
            };
        async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        }
    })
    .await;

    drop(listener);
    let mut dropped = 0;
    if tokio::time::timeout(config.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        while connections.try_join_next().is_some() {}
        dropped = connections.len();
        tracing::warn!(
            dropped,
            "shutdown grace period over; dropping the connections still busy"
        );
    }
    connections.shutdown().await;
    Stopped { dropped }
}

/// How a [`serve`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "a shutdown that dropped connections should be reported"]
pub struct Stopped {
    /// Connections still busy (a request in flight, or a request head half sent) when the
    /// grace period ran out, and dropped.
    pub dropped: usize,
}

/// What every connection shares.
struct State {
    latency: Duration,
    stagger: Option<Stagger>,
    rng: Mutex<StdRng>,
}

impl State {
    fn new(config: &Config) -> Self {
        let rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => rand::make_rng(),
        };
        State {
            latency: config.latency,
            stagger: config.stagger.then(Stagger::default),
            rng: Mutex::new(rng),
        }
    }

    /// Waits as long as an answer takes.
    async fn wait_to_answer(&self) {
        match &self.stagger {
            Some(stagger) => {
                let (later, _waiting) = stagger.arrive();
                tokio::time::sleep(self.latency.saturating_add(later)).await;
            }
            None => tokio::time::sleep(self.latency).await,
        }
    }

    fn random(&self) -> f64 {
        self.rng
            .lock()
            .expect("the RNG lock is never poisoned")
            .random()
    }
}

/// What a request asks for: everything [`respond`] needs to know about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    BadRequest,
    Ok,
    Random,
    NotFound,
    MethodNotAllowed,
}

fn route<B>(request: &Request<B>) -> Route {
    // HTTP/1.1 requires a Host header (RFC 9112, 3.2); hyper leaves the check to us.
    if request.version() == Version::HTTP_11 && !request.headers().contains_key(HOST) {
        return Route::BadRequest;
    }
    let random = match request.uri().path() {
        "/" => false,
        "/random" => true,
        _ => return Route::NotFound,
    };
    match (request.method() == Method::GET, random) {
        (false, _) => Route::MethodNotAllowed,
        (true, false) => Route::Ok,
        (true, true) => Route::Random,
    }
}

/// The two endpoints. The sleep is tokio's: the connection's task is parked and every other
/// connection keeps being served, exactly what `await asyncio.sleep(1)` does in FastAPI.
async fn respond(state: Arc<State>, route: Route) -> Result<Response<Full<Bytes>>, Infallible> {
    let body = match route {
        Route::BadRequest => {
            let body = Bytes::from_static(br#"{"detail":"Missing Host header"}"#);
            return Ok(json(StatusCode::BAD_REQUEST, body));
        }
        Route::NotFound => {
            let body = Bytes::from_static(br#"{"detail":"Not Found"}"#);
            return Ok(json(StatusCode::NOT_FOUND, body));
        }
        Route::MethodNotAllowed => {
            let body = Bytes::from_static(br#"{"detail":"Method Not Allowed"}"#);
            let mut response = json(StatusCode::METHOD_NOT_ALLOWED, body);
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET"));
            return Ok(response);
        }
        Route::Ok => {
            state.wait_to_answer().await;
            Bytes::from_static(br#"{"msg":"ok"}"#)
        }
        Route::Random => {
            state.wait_to_answer().await;
            Bytes::from(serde_json::json!({ "msg": state.random() }).to_string())
        }
    };
    Ok(json(StatusCode::OK, body))
}

fn json(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::sync::oneshot;
    use tokio::task::JoinHandle;
    use tokio::task::JoinSet;
    use tokio::time::Instant;
    use web_client::Client;

    struct Running {
        base: String,
        addr: SocketAddr,
        stop: oneshot::Sender<()>,
        task: JoinHandle<Stopped>,
    }

    fn start(config: Config) -> Running {
        let listener = serve::listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, config, async {
            let _ = stopped.await;
        }));
        Running {
            base: format!("http://{addr}"),
            addr,
            stop,
            task,
        }
    }

    /// Sends raw bytes and returns everything the server writes back before it closes.
    async fn raw(addr: SocketAddr, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test(start_paused = true)]
    async fn answers_both_endpoints_after_the_delay() {
        let server = start(Config::default());
        let client = Client::new();
        let started = Instant::now();
        let ok = client.get_json(&format!("{}/", server.base)).await.unwrap();
        assert_eq!(ok, serde_json::json!({"msg": "ok"}));
        let random = client
            .get_json(&format!("{}/random", server.base))
            .await
            .unwrap();
        let x = random["msg"].as_f64().unwrap();
        assert!((0.0..1.0).contains(&x), "{x}");
        assert_eq!(started.elapsed(), Duration::from_secs(2));

        let head = raw(
            server.addr,
            b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(
            head.contains("content-type: application/json\r\n"),
            "{head}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn unknown_path_is_a_json_404_at_once() {
        let server = start(Config::default());
        let started = Instant::now();
        let answer = raw(
            server.addr,
            b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 404 Not Found\r\n"), "{answer}");
        assert!(
            answer.contains("content-type: application/json"),
            "{answer}"
        );
        assert!(answer.ends_with(r#"{"detail":"Not Found"}"#), "{answer}");
        assert_eq!(started.elapsed(), Duration::ZERO);

        let error = Client::new()
            .get(&format!("{}/nope", server.base))
            .await
            .unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("the server answered 404 Not Found"),
            "{error}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn other_methods_get_405_with_allow() {
        let server = start(Config::default());
        for method in ["POST", "PUT", "DELETE", "HEAD"] {
            let request = format!(
                "{method} /random HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let answer = raw(server.addr, request.as_bytes()).await;
            assert!(
                answer.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
                "{method}: {answer}"
            );
            assert!(answer.contains("allow: GET\r\n"), "{answer}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn garbage_gets_400_and_others_are_still_served() {
        let server = start(Config::default());
        let client = Client::new();
        let url = format!("{}/", server.base);
        let healthy = tokio::spawn(async move { client.get_json(&url).await });
        for garbage in [
            &b"\x00\x01\x02 not http at all\r\n\r\n"[..],
            b"GET / HTTP/9.9\r\n\r\n",
            b"GET\r\n\r\n",
        ] {
            let answer = raw(server.addr, garbage).await;
            assert!(answer.starts_with("HTTP/1.1 400 Bad Request"), "{answer:?}");
        }
        assert_eq!(
            healthy.await.unwrap().unwrap(),
            serde_json::json!({"msg": "ok"})
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_leaving_mid_request_does_not_disturb_the_others() {
        let server = start(Config::default());
        // One leaves half-way through its request head, one leaves while its answer is being
        // prepared (the handler's sleep is dropped with the connection).
        let mut half = TcpStream::connect(server.addr).await.unwrap();
        half.write_all(b"GET / HTTP/1.1\r\nHo").await.unwrap();
        let mut impatient = TcpStream::connect(server.addr).await.unwrap();
        impatient
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
        drop(half);
        drop(impatient);

        let started = Instant::now();
        let answer = Client::new()
            .get_json(&format!("{}/", server.base))
            .await
            .unwrap();
        assert_eq!(answer, serde_json::json!({"msg": "ok"}));
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_client_is_cut_off_after_the_header_timeout() {
        let config = Config {
            header_read_timeout: Duration::from_secs(5),
            ..Config::default()
        };
        let server = start(config);
        let started = Instant::now();
        // A request head that never ends: the server must close the connection, not wait.
        let answer = raw(server.addr, b"GET / HTTP/1.1\r\nHost: x\r\n").await;
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        assert_eq!(answer, "", "the server closes without answering");
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_finishes_the_request_in_flight() {
        let server = start(Config::default());
        let url = format!("{}/", server.base);
        let started = Instant::now();
        let in_flight = tokio::spawn(async move { Client::new().get_json(&url).await });
        tokio::time::sleep(Duration::from_millis(300)).await;
        server.stop.send(()).unwrap();

        assert_eq!(
            in_flight.await.unwrap().unwrap(),
            serde_json::json!({"msg": "ok"})
        );
        assert_eq!(server.task.await.unwrap(), Stopped { dropped: 0 });
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        // The listener is closed: new clients are refused.
        let refused = Client::new()
            .get(&format!("{}/", server.base))
            .await
            .unwrap_err();
        assert!(refused.is_connect(), "{refused}");
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_waits_no_longer_than_the_grace_period() {
        let config = Config {
            latency: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(2),
            ..Config::default()
        };
        let server = start(config);
        let url = format!("{}/", server.base);
        let in_flight = tokio::spawn(async move { Client::new().get(&url).await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        server.stop.send(()).unwrap();
        assert_eq!(server.task.await.unwrap(), Stopped { dropped: 1 });
        assert_eq!(started.elapsed(), Duration::from_secs(2));
        // The dropped connection is a clear error for the client, not a hang.
        let error = in_flight.await.unwrap().unwrap_err();
        assert!(error.to_string().contains("failed"), "{error}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_thousand_concurrent_clients_take_one_second() {
        // 2,000 descriptors with client and server in this process, past a soft limit of 1,024.
        serve::raise_open_file_limit();
        let server = start(Config::default());
        let client = Client::new();
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..1000 {
            let client = client.clone();
            let url = format!("{}/random", server.base);
            tasks.spawn(async move { client.get_json(&url).await });
        }
        let mut answered = 0;
        while let Some(result) = tasks.join_next().await {
            result.unwrap().unwrap();
            answered += 1;
        }
        assert_eq!(answered, 1000);
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }

    /// Over HTTP/2 every request is a stream of the one connection; 300 at once, more than
    /// hyper's default limit of 200 streams, still take one delay, not two.
    #[tokio::test(start_paused = true)]
    async fn http2_serves_many_streams_on_one_connection_at_once() {
        let server = start(Config {
            protocol: Protocol::Http2,
            ..Config::default()
        });
        let client = Client::http2();
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..300 {
            let (client, url) = (client.clone(), format!("{}/", server.base));
            tasks.spawn(async move { client.get_json(&url).await });
        }
        while let Some(answer) = tasks.join_next().await {
            assert_eq!(answer.unwrap().unwrap(), serde_json::json!({"msg": "ok"}));
        }
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        // An HTTP/1.1 client gets nowhere with an HTTP/2 server: a clear error, no hang.
        let error = Client::new()
            .get(&format!("{}/", server.base))
            .await
            .unwrap_err();
        assert!(error.to_string().contains("failed"), "{error}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_stagger_spaces_the_answers() {
        let config = Config {
            stagger: true,
            ..Config::default()
        };
        let server = start(config);
        let client = Client::new();
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..3 {
            let (client, url) = (client.clone(), format!("{}/", server.base));
            tasks.spawn(async move {
                client.get(&url).await.unwrap();
                started.elapsed()
            });
        }
        let mut times = tasks.join_all().await;
        times.sort();
        assert_eq!(times, [1000, 1001, 1002].map(Duration::from_millis));
    }

    #[tokio::test(start_paused = true)]
    async fn a_seed_makes_random_repeatable() {
        let config = Config {
            seed: Some(7),
            ..Config::default()
        };
        let first = start(config.clone());
        let second = start(config);
        let client = Client::new();
        for _ in 0..3 {
            let a = client
                .get_json(&format!("{}/random", first.base))
                .await
                .unwrap();
            let b = client
                .get_json(&format!("{}/random", second.base))
                .await
                .unwrap();
            assert_eq!(a, b);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_half_sent_request_head_does_not_delay_shutdown_past_the_grace_period() {
        let config = Config {
            shutdown_grace: Duration::from_secs(2),
            ..Config::default()
        };
        let server = start(config);
        let mut half = TcpStream::connect(server.addr).await.unwrap();
        half.write_all(b"GET / HTTP/1.1\r\nHo").await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        server.stop.send(()).unwrap();
        let stopped = server.task.await.unwrap();
        // The header timeout (10 s) would end it later; the grace period ends it first.
        assert_eq!(started.elapsed(), Duration::from_secs(2));
        assert_eq!(stopped, Stopped { dropped: 1 });
    }

    #[tokio::test(start_paused = true)]
    async fn a_clean_shutdown_drops_nothing() {
        let server = start(Config::default());
        // An idle keep-alive connection is closed at once, not counted.
        let client = Client::new();
        client.get(&format!("{}/", server.base)).await.unwrap();
        server.stop.send(()).unwrap();
        assert_eq!(server.task.await.unwrap(), Stopped { dropped: 0 });
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_half_closes_after_its_request_gets_its_answer() {
        let server = start(Config::default());
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        // `nc -N`: nothing more will be sent.
        stream.shutdown().await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:?}");
        assert!(answer.ends_with(r#"{"msg":"ok"}"#), "{answer:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn http_1_1_without_a_host_header_is_a_bad_request() {
        let server = start(Config::default());
        let answer = raw(server.addr, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").await;
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
        assert!(
            answer.ends_with(r#"{"detail":"Missing Host header"}"#),
            "{answer}"
        );
        // HTTP/1.0 has no such rule.
        let answer = raw(server.addr, b"GET / HTTP/1.0\r\n\r\n").await;
        assert!(answer.starts_with("HTTP/1.0 200 OK\r\n"), "{answer}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_latency_of_a_year_waits_long_instead_of_panicking() {
        let config = Config {
            latency: Duration::from_secs(365 * 24 * 3600),
            stagger: true,
            ..Config::default()
        };
        let server = start(config);
        let client = Client::with_timeouts(Duration::from_secs(5), Duration::from_secs(5));
        let error = client.get(&format!("{}/", server.base)).await.unwrap_err();
        assert!(error.to_string().contains("no answer within"), "{error}");
    }

    #[test]
    fn requests_are_routed_by_path_then_method() {
        let request = |method: Method, path: &str| {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .header(HOST, "x")
                .body(());
            route(&request.unwrap())
        };
        assert_eq!(request(Method::GET, "/"), Route::Ok);
        assert_eq!(request(Method::GET, "/random?x=1"), Route::Random);
        assert_eq!(request(Method::POST, "/"), Route::MethodNotAllowed);
        assert_eq!(request(Method::HEAD, "/random"), Route::MethodNotAllowed);
        assert_eq!(request(Method::GET, "/nope"), Route::NotFound);
        assert_eq!(request(Method::POST, "/nope"), Route::NotFound);
    }
}
