//! Listing 9.7: ASGI underneath, in Rust terms: an async function from a request to a
//! response, which a server runs as a task per connection.
//!
//! The Rust twin of `chapter_09/listing_9_7.py`. The book's listing is an ASGI application,
//! `application(scope, receive, send)`, which a server such as uvicorn calls for each request
//! on its event loop. In Rust the contract of that shape is hyper's `Service`: an async
//! function from a `Request` to a `Response`, which hyper's HTTP/1.1 connection calls; here
//! the workspace's accept loop gives each connection a task. Every request gets `ASGI hello!`.
//! It serves until Ctrl-C or SIGTERM.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_7                 # then, in a second terminal:
//! curl http://127.0.0.1:8000/
//! ```
//!
//! Expected output: none; `curl` gets
//! ```text
//! ASGI hello!
//! ```
//!
//! Where Rust differs: ASGI's `send` of two messages (the start of the response, then its body)
//! is one returned `Response`; a body that comes in parts would be a stream. What the two
//! listings contrast holds: while this function awaits, its connection's task waits and the
//! thread runs others, where Listing 9.6's thread would wait with it.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};

/// Listing 9.7: an async application on hyper
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// The book's `application`.
async fn application(_request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let response = Response::builder()
        .status(200)
        .header("content-type", "text/html")
        .body(Full::new(Bytes::from_static(b"ASGI hello!")))
        .expect("a status and a header make a response");
    Ok(response)
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let server = serve::listen(SocketAddr::from(([127, 0, 0, 1], port)))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    let connections = serve::accept_until(&server, serve::stop_requested(), |stream, _| {
        // As uvicorn does, a client gets a while to send its request head, not for ever.
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(10))
            .serve_connection(TokioIo::new(stream), service_fn(application));
        async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        }
    })
    .await;
    drop(connections);
    Ok(())
}
