//! aiohttp's `web.run_app(app)` for an axum `Router`: the book's web applications (chapter 12's
//! order queues, and the chapters on web applications and microservices after it) run on it.
//!
//! `axum::serve(listener, router).with_graceful_shutdown(ctrl_c)` comes close, and is what the
//! axum examples show, but a reader's Ctrl-C would wait on it for ever: its graceful stop waits
//! for every connection to end, including a client that sent half a request and went quiet, or
//! a thousand requests waiting for room in a full queue; it reads request heads without a
//! deadline; and it knows nothing of SIGTERM. [`run_app`] does what aiohttp does instead:
//!
//! - Ctrl-C or SIGTERM stops accepting, then runs the application's shutdown hook (aiohttp's
//!   `on_shutdown`) while the requests in flight go on; when the hook is done, the connections
//!   still open are closed, their requests with them. The stop takes as long as the hook, which
//!   bounds itself (the book's waits for its queue for at most 10 s).
//! - A second Ctrl-C or SIGTERM ends the program at once (`serve::stop_requested`).
//! - A client has 10 s to send a request head: a connection that sends half a request and stops
//!   is closed then, not kept for ever.
//! - Accepting goes on past the open-file limit, with the workspace's one accept loop
//!   (`serve::accept_until`).

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// How long a client may take to send a whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `routes` on `listener` until Ctrl-C or SIGTERM, then runs `on_shutdown` and returns
/// once it is done, closing the connections still open (see the crate's documentation).
pub async fn run_app<F>(listener: TcpListener, routes: Router, on_shutdown: impl FnOnce() -> F)
where
    F: Future<Output = ()>,
{
    serve_until(listener, routes, serve::stop_requested(), on_shutdown).await;
}

/// [`run_app`] with the stop of the caller's choosing: for tests, which stop the application
/// without sending themselves a signal.
pub async fn serve_until<F>(
    listener: TcpListener,
    routes: Router,
    stop: impl Future<Output = ()>,
    on_shutdown: impl FnOnce() -> F,
) where
    F: Future<Output = ()>,
{
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT);
    let connections = serve::accept_until(&listener, stop, |stream, peer| {
        let service = TowerToHyperService::new(routes.clone());
        // Upgrades, for the WebSocket routes of the later chapters.
        let connection = http
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        async move {
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        }
    })
    .await;
    drop(listener);
    // The requests in flight go on while the hook runs, as in aiohttp.
    on_shutdown().await;
    // Closing them: a `JoinSet` aborts its tasks when dropped.
    drop(connections);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;

    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::sync::oneshot;
    use tokio::task::JoinHandle;
    use tokio::time::Instant;

    /// `/slow` answers after 2 s, `/never` never does.
    fn routes() -> Router {
        Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    "done"
                }),
            )
            .route("/never", get(std::future::pending::<&'static str>))
    }

    /// The application, stopped by the sender, with a shutdown hook of `hook` seconds.
    fn start(hook: u64) -> (SocketAddr, oneshot::Sender<()>, JoinHandle<()>) {
        let listener = serve::listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let app = tokio::spawn(serve_until(
            listener,
            routes(),
            async {
                let _ = stopped.await;
            },
            move || tokio::time::sleep(Duration::from_secs(hook)),
        ));
        (addr, stop, app)
    }

    async fn send(addr: SocketAddr, request: &str) -> TcpStream {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        stream
    }

    async fn answer(mut stream: TcpStream) -> String {
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test(start_paused = true)]
    async fn requests_in_flight_finish_while_the_hook_runs_and_the_rest_are_closed_after() {
        let (addr, stop, app) = start(3);
        let slow = send(
            addr,
            "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let never = send(addr, "GET /never HTTP/1.1\r\nHost: x\r\n\r\n").await;
        let half = send(addr, "GET /slow HTTP/1.1\r\nHo").await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let stopping = Instant::now();
        stop.send(()).unwrap();
        let slow = tokio::spawn(answer(slow));
        app.await.unwrap();
        // The hook's 3 s, not the request that never ends nor the head that never comes.
        assert_eq!(stopping.elapsed(), Duration::from_secs(3));
        assert!(slow.await.unwrap().ends_with("done"));
        assert_eq!(answer(never).await, "");
        assert_eq!(answer(half).await, "");
    }

    #[tokio::test(start_paused = true)]
    async fn a_half_sent_request_head_is_closed_after_ten_seconds() {
        let (addr, _stop, _app) = start(0);
        let half = send(addr, "GET /slow HTTP/1.1\r\nHo").await;
        let started = Instant::now();
        let closed = answer(half).await;
        assert!(!closed.contains("done"), "{closed}");
        let waited = started.elapsed();
        assert!(
            (HEAD_TIMEOUT..HEAD_TIMEOUT + Duration::from_secs(1)).contains(&waited),
            "{waited:?}"
        );
    }
}
