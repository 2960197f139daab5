//! The guide's test web service, `web.py`: `GET /` and `GET /random`, each answering after 1 s.
//!
//! The Rust twin of `web.py` from "Python async programming, the complete guide" (FastAPI run
//! by uvicorn). The service itself is `web_service::serve`; this program binds the article's
//! address, serves until Ctrl-C, then finishes the requests in flight (for at most 10 s) and
//! exits. The test scripts (`test1` ... `test8`) start their own copy in-process; run this one to
//! point them at it with `--url`, or to try it with curl or the article's Python scripts.
//!
//! Run with:
//! ```text
//! cargo run --example web
//! cargo run --example web -- --port 0        # any free port; the line says which
//! curl -i http://127.0.0.1:8000/random       # in a second terminal
//! cargo run --example test4 -- --url http://127.0.0.1:8000
//! ```
//!
//! Expected output, once Ctrl-C or SIGTERM arrives and the requests in flight are done:
//! ```text
//! Running on http://127.0.0.1:8000 (Press CTRL+C to quit)
//! Shutting down: finishing the requests in flight
//! Stopped
//! ```
//!
//! | request | answer |
//! |---|---|
//! | `GET /` | after 1 s: `{"msg":"ok"}` |
//! | `GET /random` | after 1 s: `{"msg":0.123...}`, a number in [0, 1) |
//! | `POST /` (any other method) | at once: `405 {"detail":"Method Not Allowed"}` |
//! | `GET /other` | at once: `404 {"detail":"Not Found"}` |
//!
//! As with uvicorn, a second Ctrl-C exits at once (status 130). If the grace period (`--grace`,
//! 10 s) runs out with requests still in flight, the program says how many connections it
//! dropped, on stderr, and exits with status 1. `RUST_LOG=debug` shows more of what it does.
//!
//! Where Rust differs from FastAPI + uvicorn: there is no framework, so routing is a `match`
//! on method and path, and what uvicorn configures for you is explicit in `web_service`: the
//! listen backlog, the open-file limit, a deadline for slow clients, the graceful shutdown.
//! `--latency SECONDS` changes the 1 s wait.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::Parser;
use util::cli::parse_seconds;

/// web.py: the guide's test web service, `GET /` and `GET /random`, each after 1 s
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port; the first line says which)
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// How long `/` and `/random` wait before answering
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    latency: Duration,
    /// After Ctrl-C or SIGTERM, how long the requests in flight may still take
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    grace: Duration,
    /// Speak HTTP/2 without TLS instead of HTTP/1.1 (for `fanout_bench --http2 --url ...`)
    #[arg(long)]
    http2: bool,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    // Warnings (accept failures, a shutdown that ran out of time) on stderr; RUST_LOG for more.
    util::log_to_stderr("warn");
    // Each client is a file descriptor: allow as many as the system lets us.
    serve::raise_open_file_limit();
    let config = web_service::Config {
        latency: args.latency,
        shutdown_grace: args.grace,
        protocol: if args.http2 {
            web_service::Protocol::Http2
        } else {
            web_service::Protocol::Http1
        },
        ..web_service::Config::default()
    };

    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = serve::listen(address)?;
    let address = listener.local_addr()?;
    println!("Running on http://{address} (Press CTRL+C to quit)");

    let shutdown = async {
        // Ctrl-C or SIGTERM; a second one exits at once, as with uvicorn.
        serve::stop_requested().await;
        println!("Shutting down: finishing the requests in flight");
    };
    let stopped = web_service::serve(listener, config, shutdown).await;
    if stopped.dropped > 0 {
        return Err(format!(
            "the grace period ran out: {} connection(s) dropped with their requests",
            stopped.dropped
        )
        .into());
    }
    println!("Stopped");
    Ok(())
}
