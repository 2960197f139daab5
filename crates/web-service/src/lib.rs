//! The test web service of "Python async programming, the complete guide": the twin of its
//! FastAPI `web.py`, `GET /` and `GET /random`, each answering after 1 s.
//!
//! [`serve`] serves a [`tokio::net::TcpListener`] (bind it with `serve::listen`, which leaves
//! room for thousands of waiting clients) until a shutdown future completes. The `web` example
//! runs it on `127.0.0.1:8000`; the guide's client scripts start it in-process as their stand-in
//! ([`WebService`]) unless `--url` names a server.

mod server;

use std::future::Future;
use std::time::Duration;

use tokio::net::TcpListener;

pub use server::{Config, MAX_STREAMS, Protocol, Stopped, serve};

/// The service as the stand-in of the guide's client scripts: `StandInArgs<WebService>` gives
/// them `--url` and `--latency`. Its answers due together are spaced a millisecond apart, and
/// under the tests' paused clock `/random` draws from the seed the tests ask for.
#[derive(Debug)]
pub struct WebService;

impl serve::StandIn for WebService {
    const SCHEME: &'static str = "http";
    const LATENCY: &'static str = "1";
    const NAME: &'static str = "web-service";

    async fn serve(
        listener: TcpListener,
        latency: Duration,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) {
        let config = Config {
            latency,
            stagger: true,
            seed: util::runtime::seed_for_tests(),
            ..Config::default()
        };
        // Stopped when the example is done with it: requests still in flight are the
        // example's own, and it has stopped waiting for them.
        let _ = serve(listener, config, shutdown).await;
    }
}
