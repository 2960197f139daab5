//! Listing 14.4: uvloop, a faster event loop, under an echo server.
//!
//! The Rust twin of `chapter_14/listing_14_4.py`. The book swaps asyncio's event loop for
//! uvloop (libuv) with one call, then runs a server that echoes one line per client. It serves
//! until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_4                      # then, in a second terminal:
//! cargo run --example line_client -- --port 9000        # type a line: it comes back
//! ```
//!
//! Expected output: nothing, as in the book; each client gets its line back and is
//! disconnected.
//! ```text
//! ```
//! Expected stderr, once Ctrl-C stops it, and exit status 130 (Ctrl-C's, as a shell shows it):
//! nothing, where Python prints the `KeyboardInterrupt` traceback.
//! ```text
//! ```
//!
//! Where Rust differs: there is nothing to install. uvloop is faster than asyncio's own loop
//! because it is written in C over libuv; tokio is compiled Rust already, over the OS's own
//! readiness API (epoll on Linux, through mio), as uvloop is over libuv's. What can be swapped
//! in tokio is the scheduler (`current_thread` or `multi_thread`, see the in-depth article's
//! `deep_2_1_1_flavours`), not the loop's implementation; a different runtime (smol, glommio
//! with io_uring) is a different set of APIs, not one `install()` call.

use std::net::SocketAddr;

use asyncio_blocks::readline;
use clap::Parser;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Listing 14.4: a one-line echo server (no uvloop needed)
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 9000)]
    port: u16,
}

async fn connected(connection: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(connection);
    let mut line = Vec::new();
    // `await reader.readline()`, with asyncio's 64 KiB limit: a client that never sends a
    // newline is dropped there instead of growing the line without end.
    readline(&mut reader, &mut line).await?;
    let mut writer = reader.into_inner();
    writer.write_all(&line).await?;
    writer.shutdown().await
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    // asyncio logs a failed `accept` (no file descriptor left) and goes on, as the workspace's
    // accept loop does: its warnings go to stderr.
    util::log_to_stderr("warn");
    let server = serve::listen(SocketAddr::from(([127, 0, 0, 1], port)))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    // `start_server(connected, ...)` and `serve_forever()`: a task per client, until stopped.
    let clients = serve::accept_until(&server, std::future::pending(), |connection, _| async {
        // A client that goes away mid-line, or sends too long a line, ends its own task only.
        let _ = connected(connection).await;
    });
    clients.await;
    Ok(())
}
