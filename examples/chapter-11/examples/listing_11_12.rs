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
//! the accept loop does, and the callback spawns the two tasks. The upload is shared by them
//! through an `Arc`, and the bytes print as Python's `bytes` repr (`util::py::PyBytes`).

use std::net::SocketAddr;
use std::sync::Arc;

use chapter_11::listing_11_11::FileUpload;
use clap::Parser;
use tokio::net::{TcpListener, TcpStream};
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

fn client_connected(connection: TcpStream) {
    let upload = FileUpload::listen_for_uploads(connection);
    tokio::spawn(dump_contents_on_complete(upload));
}

#[util::main]
async fn main() -> std::io::Result<()> {
    let Args { port } = Args::parse();
    let server = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    loop {
        let (connection, _) = server.accept().await?;
        client_connected(connection);
    }
}
