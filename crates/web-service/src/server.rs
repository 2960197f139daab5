//! The test web service: the twin of the guide's FastAPI `web.py`.
//!
//! | request | answer (after [`Config::delay`], 1 s by default) |
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
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::task::JoinSet;

/// How the service behaves. `Config::default()` is the article's service.
#[derive(Clone, Debug)]
pub struct Config {
    /// How long `/` and `/random` wait before answering: the article's `asyncio.sleep(1)`.
    pub delay: Duration,
    /// Extra wait added per request: the n-th request (from 0) waits `delay + n * stagger`.
    /// Zero by default. On a real network simultaneous requests finish microseconds apart;
    /// under the paused test clock they finish in the same instant, and a stagger spreads them
    /// out again so that a test can see what happens between two answers.
    pub stagger: Duration,
    /// A client must send its whole request head within this time, or the connection is
    /// closed. This also closes idle keep-alive connections.
    pub header_read_timeout: Duration,
    /// After shutdown is requested, how long in-flight requests may still run.
    pub shutdown_grace: Duration,
    /// Seed for `/random`; `None` draws from the OS. The examples seed it under the tests'
    /// paused clock so that their transcripts are exact.
    pub seed: Option<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            delay: Duration::from_secs(1),
            stagger: Duration::ZERO,
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(10),
            seed: None,
        }
    }
}

/// The listen backlog we ask for. Linux caps it at `net.core.somaxconn` (4096 on this
/// machine); asking for more than the cap is harmless.
pub const LISTEN_BACKLOG: u32 = 8192;

/// Binds a listener ready for thousands of simultaneous clients.
///
/// `TcpListener::bind` asks for a backlog of 128 (the standard library's value): a burst of
/// 1,000 connects overflows it, and the kernel makes the overflowing clients retry their SYN a
/// second later (then 3 s later), which shows up as requests that take 2 s or more instead of
/// 1 s. A `TcpSocket` lets us choose the backlog. This also
/// raises the open-file limit (see [`raise_fd_limit`]), since each client is a descriptor, and
/// grows the process's descriptor table to match it (see [`reserve_fd_table`]).
///
/// Port 0 (a port the kernel picks, as the in-process servers use) is also marked
/// `SO_REUSEPORT`, so that [`serve`] on a multi-thread runtime can open a second accept queue
/// on it; an explicit port such as 8000 is not, so a second server on it still fails with
/// "address in use".
pub fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    if let Some(limit) = raise_fd_limit() {
        reserve_fd_table(limit);
    }
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // Restarting the server must not fail because of connections in TIME_WAIT.
    socket.set_reuseaddr(true)?;
    #[cfg(all(unix, not(target_os = "solaris"), not(target_os = "illumos")))]
    if addr.port() == 0 {
        socket.set_reuseport(true)?;
    }
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// A second listener on `listener`'s address, if that one was bound with `SO_REUSEPORT`.
///
/// Linux caps each accept queue at `net.core.somaxconn` (4096 here). When 5,000 clients
/// connect at once, one queue overflows in about one run in ten: the kernel drops the extra
/// SYNs and those clients retry a second later. With two listeners sharing the port the kernel
/// spreads the connections over two queues (8,192 places). Without `SO_REUSEPORT` on the
/// first listener the bind fails and we serve on the one listener, as before.
fn second_listener(listener: &TcpListener) -> Option<TcpListener> {
    #[cfg(all(unix, not(target_os = "solaris"), not(target_os = "illumos")))]
    {
        let addr = listener.local_addr().ok()?;
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()
        } else {
            TcpSocket::new_v6()
        }
        .ok()?;
        socket.set_reuseaddr(true).ok()?;
        socket.set_reuseport(true).ok()?;
        socket.bind(addr).ok()?;
        socket.listen(LISTEN_BACKLOG).ok()
    }
    #[cfg(not(all(unix, not(target_os = "solaris"), not(target_os = "illumos"))))]
    {
        let _ = listener;
        None
    }
}

/// Grows the process's table of file descriptors to hold `wanted` of them (at most 65,536),
/// once, now, instead of doubling it again and again while clients pour in.
///
/// Linux starts a process with room for 64 descriptors and doubles the table when it is full.
/// In a process with several threads, each doubling waits for an RCU grace period (a few
/// milliseconds) while every other thread that opens a socket sleeps. 5,000 connections with
/// client and server in one process cross eight doublings in the middle of the burst; the
/// benchmark's wall time drops by 60-80 ms when the table is grown here, before any client
/// connects. Duplicating a descriptor to a high number and closing it is a portable way
/// to ask for that (the table never shrinks). Unix only; a no-op elsewhere.
pub fn reserve_fd_table(wanted: u64) {
    #[cfg(unix)]
    {
        let highest = wanted.clamp(1, 1 << 16) - 1;
        let highest = libc::c_int::try_from(highest).expect("at most 65,535");
        // SAFETY: F_DUPFD_CLOEXEC duplicates standard error (if it is open) to the lowest free
        // descriptor >= `highest`; we close that copy at once and touch nothing else.
        unsafe {
            let copy = libc::fcntl(libc::STDERR_FILENO, libc::F_DUPFD_CLOEXEC, highest);
            if copy >= 0 {
                libc::close(copy);
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = wanted;
    }
}

/// Makes glibc's allocator hand out memory without one system call per page, for a process
/// whose threads allocate hundreds of megabytes at once. Call it first thing in `main`, before
/// the runtime starts its threads: it only changes heaps created afterwards.
///
/// Each thread that allocates gets its own glibc heap (an "arena"), reserved as 64 MiB of
/// address space and made usable piece by piece: one `mprotect` call each time the heap grows,
/// a page or two at a time, with the arena locked meanwhile. 5,000 connections with client and
/// server in one process allocate about 170 MB in a third of a second: 40,000 `mprotect` calls,
/// and the other worker waits on the arena lock whenever it frees memory the first one
/// allocated. `M_TOP_PAD` at 64 MiB makes each new heap usable in one call. Memory is still
/// only backed when first touched, so the resident size does not change. In the fan-out
/// benchmark this took 40-60 ms off 5,000 requests, about what replacing the allocator with
/// mimalloc or jemalloc does, without a dependency. glibc on Linux only; a no-op elsewhere.
pub fn tune_allocator_for_many_threads() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning value of glibc's allocator.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

/// Raises the soft `RLIMIT_NOFILE` to the hard limit and returns the new soft limit.
///
/// Many Linux distributions start processes with a soft limit of 1024 open files, which a
/// benchmark of 5,000 connections (10,000 descriptors with client and server in one process)
/// blows through. Nothing in our dependency tree does this (tokio, hyper and mio leave limits
/// alone; the `rlimit` and `fdlimit` crates would, but they are two more dependencies for one
/// system call), so we call `libc` directly. Unix only; elsewhere it returns `None`.
pub fn raise_fd_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read or write the struct we pass.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return None;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        #[allow(clippy::useless_conversion)] // rlim_t is not u64 on every platform
        Some(u64::from(limit.rlim_cur))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Serves the test web service on `listener` until `shutdown` completes.
///
/// Then it stops accepting, lets the requests in flight finish (hyper closes each connection
/// after its current response), and returns once they are done or [`Config::shutdown_grace`]
/// has passed, whichever comes first; connections still open then are dropped.
///
/// On a multi-thread runtime, a listener from [`bind`] on port 0 gets a twin on the same port,
/// so that a burst of thousands of connects has two accept queues to fill (see
/// `second_listener`).
///
/// A broken client (garbage, a disconnect half-way, a stalled request) only ends its own
/// connection. Errors from `accept` (for example running out of file descriptors) are logged
/// and retried after a short pause rather than ending the server.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let state = Arc::new(State::new(&config));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    // Two queues deliver connections that arrive together in an order of their own. On a
    // current_thread runtime (the guide's examples, whose transcripts follow the order in
    // which requests arrive) we keep the one queue; a multi-thread runtime gives no order
    // anyway.
    let second = match Handle::current().runtime_flavor() {
        RuntimeFlavor::CurrentThread => None,
        _ => second_listener(&listener),
    };

    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            accepted = accept_on(second.as_ref()) => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                tracing::warn!(%error, "accept failed; retrying");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        // Small responses go out at once instead of waiting for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        // `route` keeps only what `respond` needs and drops the request at once. Holding it
        // through the 1 s wait would pin hyper's 8 KiB read buffer (the request's headers
        // point into it), and hyper would allocate a second one for the connection's next
        // read: 40 MB more for 5,000 connections, and 5,000 more page faults.
        let service = service_fn(move |request| respond(Arc::clone(&state), route(&request)));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        connections.spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        });
        // Reap finished connections so the set does not grow with every client ever served.
        while connections.try_join_next().is_some() {}
    }

    drop(listener);
    drop(second);
    if tokio::time::timeout(config.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            left = connections.len(),
            "shutdown grace period over; dropping the connections still open"
        );
    }
    connections.shutdown().await;
    Ok(())
}

/// What every connection shares.
struct State {
    delay: Duration,
    stagger: Duration,
    served: AtomicU32,
    rng: Mutex<StdRng>,
}

impl State {
    fn new(config: &Config) -> Self {
        let rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => rand::make_rng(),
        };
        State {
            delay: config.delay,
            stagger: config.stagger,
            served: AtomicU32::new(0),
            rng: Mutex::new(rng),
        }
    }

    /// How long the next request waits.
    fn next_delay(&self) -> Duration {
        let n = self.served.fetch_add(1, Ordering::Relaxed);
        self.delay + self.stagger * n
    }

    fn random(&self) -> f64 {
        self.rng
            .lock()
            .expect("the RNG lock is never poisoned")
            .random()
    }
}

/// Waits on `second` if there is one, forever otherwise.
async fn accept_on(second: Option<&TcpListener>) -> io::Result<(TcpStream, SocketAddr)> {
    match second {
        Some(listener) => listener.accept().await,
        None => std::future::pending().await,
    }
}

/// What a request asks for: everything [`respond`] needs to know about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    Ok,
    Random,
    NotFound,
    MethodNotAllowed,
}

fn route<B>(request: &Request<B>) -> Route {
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
            tokio::time::sleep(state.next_delay()).await;
            Bytes::from_static(br#"{"msg":"ok"}"#)
        }
        Route::Random => {
            tokio::time::sleep(state.next_delay()).await;
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
    use crate::client::Client;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::sync::oneshot;
    use tokio::task::JoinHandle;
    use tokio::time::Instant;

    struct Running {
        base: String,
        addr: SocketAddr,
        stop: oneshot::Sender<()>,
        task: JoinHandle<io::Result<()>>,
    }

    fn start(config: Config) -> Running {
        let listener = bind(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
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
        server.task.await.unwrap().unwrap();
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
            delay: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(2),
            ..Config::default()
        };
        let server = start(config);
        let url = format!("{}/", server.base);
        let in_flight = tokio::spawn(async move { Client::new().get(&url).await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let started = Instant::now();
        server.stop.send(()).unwrap();
        server.task.await.unwrap().unwrap();
        assert_eq!(started.elapsed(), Duration::from_secs(2));
        // The dropped connection is a clear error for the client, not a hang.
        let error = in_flight.await.unwrap().unwrap_err();
        assert!(error.to_string().contains("failed"), "{error}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_thousand_concurrent_clients_take_one_second() {
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

    #[tokio::test(start_paused = true)]
    async fn a_stagger_spreads_the_answers() {
        let config = Config {
            stagger: Duration::from_millis(100),
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
        assert_eq!(times, [1000, 1100, 1200].map(Duration::from_millis));
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

    #[test]
    fn the_fd_limit_is_at_least_what_it_was() {
        let before = raise_fd_limit();
        assert!(before.is_some());
        assert_eq!(raise_fd_limit(), before);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_descriptor_table_is_grown_up_front() {
        let table_size = || -> u64 {
            let status = std::fs::read_to_string("/proc/self/status").unwrap();
            let line = status.lines().find(|l| l.starts_with("FDSize:")).unwrap();
            line["FDSize:".len()..].trim().parse().unwrap()
        };
        // Descriptors at or above the open-file limit cannot be asked for.
        let wanted = raise_fd_limit().unwrap().min(3000);
        reserve_fd_table(wanted);
        assert!(table_size() >= wanted, "FDSize {}", table_size());
    }

    #[test]
    fn requests_are_routed_by_path_then_method() {
        let request = |method: Method, path: &str| {
            let request = Request::builder().method(method).uri(path).body(());
            route(&request.unwrap())
        };
        assert_eq!(request(Method::GET, "/"), Route::Ok);
        assert_eq!(request(Method::GET, "/random?x=1"), Route::Random);
        assert_eq!(request(Method::POST, "/"), Route::MethodNotAllowed);
        assert_eq!(request(Method::HEAD, "/random"), Route::MethodNotAllowed);
        assert_eq!(request(Method::GET, "/nope"), Route::NotFound);
        assert_eq!(request(Method::POST, "/nope"), Route::NotFound);
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn only_a_port_picked_by_the_kernel_gets_a_second_queue() {
        let picked = bind(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let second = second_listener(&picked).expect("a second listener on the same port");
        assert_eq!(second.local_addr().unwrap(), picked.local_addr().unwrap());
        // Both queues lead to the same server: connect until each has accepted one.
        let (mut first_seen, mut second_seen) = (false, false);
        let mut clients = Vec::new();
        while !(first_seen && second_seen) {
            assert!(
                clients.len() < 200,
                "the kernel never used one of the queues"
            );
            clients.push(
                TcpStream::connect(picked.local_addr().unwrap())
                    .await
                    .unwrap(),
            );
            tokio::select! {
                accepted = picked.accept() => first_seen |= accepted.is_ok(),
                accepted = second.accept() => second_seen |= accepted.is_ok(),
            }
        }

        // A listener without SO_REUSEPORT (an explicit port, or bound elsewhere) keeps its
        // port to itself.
        let exclusive = TcpListener::bind("127.0.0.1:0").await.unwrap();
        assert!(second_listener(&exclusive).is_none());
    }
}
