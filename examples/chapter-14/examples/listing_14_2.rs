//! Listing 14.2: a context variable that remembers which client a task serves.
//!
//! The Rust twin of `chapter_14/listing_14_2.py`. The server stores each client's address in a
//! context variable before it starts the task that reads the client's messages; the task reads
//! the variable and finds its own client's address, although the server has set it again for
//! every client since. It serves until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_2                      # then, in a second terminal:
//! cargo run --example line_client -- --port 9000        # and type: hello
//! ```
//!
//! Expected output, for a client that sends `hello\r\n`:
//! ```text
//! Got message b'hello\r\n' from ('127.0.0.1', [..])
//! ```
//!
//! Where Rust differs: `ContextVar` is tokio's `task_local!`: `USER_ADDRESS.scope(address,
//! future)` gives the future, and whatever it awaits, its own value, and `USER_ADDRESS.get()`
//! reads it. asyncio copies the whole context when a task is created; a task-local is set
//! explicitly around the future the task runs, which makes plain where the value comes from.

use std::net::SocketAddr;

use clap::Parser;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use util::py::{PyAddress, PyBytes};

tokio::task_local! {
    static USER_ADDRESS: SocketAddr;
}

/// Listing 14.2: each client's task knows its client through a context variable
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 9000)]
    port: u16,
}

fn client_connected(connection: TcpStream, peer: SocketAddr) {
    tokio::spawn(USER_ADDRESS.scope(peer, listen_for_messages(connection)));
}

async fn listen_for_messages(connection: TcpStream) {
    let mut reader = BufReader::new(connection);
    let mut data = Vec::new();
    while let Ok(1..) = reader.read_until(b'\n', &mut data).await {
        println!(
            "Got message {} from {}",
            PyBytes(&data),
            PyAddress(USER_ADDRESS.get())
        );
        data.clear();
    }
}

#[util::main]
async fn main() -> std::io::Result<()> {
    let Args { port } = Args::parse();
    let server = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    loop {
        let (connection, peer) = server.accept().await?;
        client_connected(connection, peer);
    }
}
