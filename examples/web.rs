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
//! Expected output, once Ctrl-C is pressed:
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
//! Where Rust differs from FastAPI + uvicorn: there is no framework, so routing is a `match`
//! on method and path, and what uvicorn configures for you is explicit in `web_service`: the
//! listen backlog, the open-file limit, a deadline for slow clients, the graceful shutdown.
//! `--delay SECONDS` changes the 1 s wait.

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
    delay: Duration,
    /// The n-th request (from 0) waits n × SECONDS more
    #[arg(long, value_name = "SECONDS", default_value = "0", value_parser = parse_seconds)]
    stagger: Duration,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    // Each client is a file descriptor: allow as many as the system lets us.
    util::raise_open_file_limit();
    let config = web_service::Config {
        delay: args.delay,
        stagger: args.stagger,
        ..web_service::Config::default()
    };

    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = web_service::bind(address)
        .map_err(|error| format!("cannot listen on {address}: {error}"))?;
    let address = listener.local_addr()?;
    println!("Running on http://{address} (Press CTRL+C to quit)");

    let shutdown = async {
        // Once this is registered, Ctrl-C no longer kills the process: we must exit ourselves.
        if tokio::signal::ctrl_c().await.is_err() {
            // No signal handling on this platform: serve until killed.
            std::future::pending::<()>().await;
        }
        println!("Shutting down: finishing the requests in flight");
    };
    web_service::serve(listener, config, shutdown).await?;
    println!("Stopped");
    Ok(())
}
