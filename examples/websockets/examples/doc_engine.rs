//! The document engine: the WebSocket server the document inspector talks to
//!
//! Not a listing of the article ("A deeper look at async and concurrent programming in
//! Python"): there, `document_inspector.py` talks to a product's own engine, which readers do not
//! have. This one speaks the same JSON protocol over the same sample documents (`sales`, `deck`,
//! `raw`; see `crates/doc-engine`), so `document_inspector` and any other client can run offline.
//! Each request is answered on its own task after a random 10-100 ms, so replies overlap and
//! come back out of order.
//!
//! Run with:
//! ```text
//! cargo run --example doc_engine                   # ws://127.0.0.1:8765
//! cargo run --example doc_engine -- --port 0       # any free port; the first line says which
//! RUST_LOG=debug cargo run --example doc_engine    # every connection, request and reply
//! ```
//! then, in a second terminal, `cargo run --example document_inspector -- --url
//! ws://127.0.0.1:8765`. Stop it with Ctrl-C.
//!
//! Expected output, the second line after Ctrl-C:
//! ```text
//! document engine listening on ws://127.0.0.1:8765
//! document engine stopped
//! ```
//!
//! Where Rust differs: Python would stop on `KeyboardInterrupt` raised wherever the loop happens
//! to be. Here `tokio::signal::ctrl_c()` is just the future that ends `serve`: the engine stops
//! accepting, sends every client a close frame (1001, going away), waits for their answers, and
//! `main` returns normally. Once the handler is installed, Ctrl-C no longer kills the process by
//! itself, so a second Ctrl-C during that wait does nothing; the wait is bounded (1 s) instead.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::Parser;
use doc_engine::{Settings, serve};
use util::cli::parse_seconds;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The document engine the WebSocket inspector talks to
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port; the first line says which)
    #[arg(long, default_value_t = 8765)]
    port: u16,
    /// How long a client may take to finish the WebSocket handshake before it is cut off
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    handshake_timeout: Duration,
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    util::log_to_stderr("info");
    // Each client is a file descriptor: allow as many as the system lets us.
    serve::raise_open_file_limit();
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = serve::listen(address)?;
    // With `--port 0` the OS picks the port: print the one we got, not the one we asked for.
    println!(
        "document engine listening on ws://{}",
        listener.local_addr()?
    );

    let settings = Settings {
        handshake_timeout: args.handshake_timeout,
        ..Settings::default()
    };
    serve(listener, settings, async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C; stopping");
        }
    })
    .await;
    println!("document engine stopped");
    Ok(())
}
