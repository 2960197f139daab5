//! Listing 3.8: the echo server on the event loop, a task per client.
//!
//! The Rust twin of `chapter_03/listing_3_8.py`. The server socket is handed to the event loop;
//! waiting for a client (`sock_accept`) and for a client's data (`sock_recv`) suspends the task
//! instead of blocking the thread, so one thread serves every client at once. Each client gets
//! a task of its own that echoes until the client closes. It serves until it is stopped
//! (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_8                 # then, in two more terminals:
//! cargo run --example line_client                 # both clients are echoed at once
//! ```
//!
//! Expected output, for one client:
//! ```text
//! Got a connection from ('127.0.0.1', [..])
//! ```
//!
//! Where Rust differs: `loop.sock_accept(sock)` / `sock_recv` / `sock_sendall` on a raw socket
//! are `accept` / `read` / `write_all` on tokio's own socket types. The standard library's
//! socket is handed to the runtime with `TcpListener::from_std`, after `set_nonblocking(true)`,
//! which is what `setblocking(False)` is for in the book: the runtime never waits on a socket,
//! the OS tells it when one is ready (Listing 3.7's selector, inside tokio).

use std::net::TcpListener as StdListener;

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use util::py::PyAddress;

/// Listing 3.8: an echo server on the event loop, one task per client
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

async fn echo(mut connection: TcpStream) -> std::io::Result<()> {
    let mut data = [0; 1024];
    loop {
        let received = connection.read(&mut data).await?;
        if received == 0 {
            return Ok(());
        }
        connection.write_all(&data[..received]).await?;
    }
}

async fn listen_for_connection(server_socket: TcpListener) -> std::io::Result<()> {
    loop {
        // As the book's `sock_accept`: out of file descriptors, the error ends the server.
        let (connection, address) = server_socket.accept().await?;
        println!("Got a connection from {}", PyAddress(address));
        tokio::spawn(async move {
            // A client that resets the connection ends its own task; Python logs the
            // exception of a task nobody awaits, so do we.
            if let Err(error) = echo(connection).await {
                eprintln!("echo for {}: {error}", PyAddress(address));
            }
        });
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server_socket = StdListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server_socket.local_addr()?);
    server_socket.set_nonblocking(true)?;
    let server_socket = TcpListener::from_std(server_socket)?;

    listen_for_connection(server_socket).await?;
    Ok(())
}
