//! Listing 11.12: a file server that prints each upload once its client has finished sending.
//!
//! The Rust twin of `chapter_11/listing_11_12.py`, with Listing 11.11's `FileUpload` from the
//! chapter's library (`examples/chapter-11/src/listing_11_11.rs`). Each client's data is read by a task of its own; another
//! task waits on the upload's event and prints the whole upload when the client closes. It
//! serves until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_11_12                     # then, in a second terminal:
//! printf 'my file' | cargo run --example line_client -- --port 9000
//! ```
//!
//! Expected output, for a client that sends `my file\r\n` and closes:
//! ```text
//! b'my file\r\n'
//! ```
//!
//! Where Rust differs: `asyncio.start_server` calls `_client_connected` for each client; here
//! the workspace's accept loop (`serve::accept_until`) does, and, as asyncio's, it goes on past
//! the open-file limit, logging it. The upload is shared by the two tasks through an `Arc`,
//! and the bytes print as Python's `bytes` repr (`util::py::PyBytes`). As in the book, an
//! upload has no size limit: a client may send until memory runs out.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use chapter_11::listing_11_11::FileUpload;
use clap::Parser;
use tokio::net::TcpStream;
use util::py::PyBytes;

/// Listing 11.12: print each client's upload when it is complete
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 9000)]
    port: u16,
}

async fn dump_contents_on_complete(upload: Arc<FileUpload>) {
    let file_contents = upload.get_contents().await;
    println!("{}", PyBytes(&file_contents));
}

/// `client_connected`, which `asyncio.start_server` calls for each client: two tasks, one
/// reading the upload, one waiting for it. The future it returns is the second, which the
/// accept loop spawns.
fn client_connected(connection: TcpStream) -> impl Future<Output = ()> + Send + 'static {
    let upload = FileUpload::listen_for_uploads(connection);
    dump_contents_on_complete(upload)
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    // asyncio logs a failed `accept` (no file descriptor left) and goes on, as the workspace's
    // accept loop does: its warnings go to stderr.
    util::log_to_stderr("warn");
    let server = serve::listen(SocketAddr::from(([127, 0, 0, 1], port)))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    // `start_server(client_connected, ...)` and `serve_forever()`, until the program is stopped.
    let clients = serve::accept_until(&server, std::future::pending(), |connection, _| {
        client_connected(connection)
    });
    clients.await;
    Ok(())
}
