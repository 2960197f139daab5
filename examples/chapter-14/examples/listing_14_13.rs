//! Listing 14.13: a server on the event loop made by hand.
//!
//! The Rust twin of `chapter_14/listing_14_13.py`, running on Listings 14.8, 14.11 and 14.12,
//! which are the chapter's library (`examples/chapter-14/src`): no tokio at all. The main coroutine
//! accepts clients; each gets a task that prints what it sends until it closes. Several clients
//! are served at once, on one thread, by a loop of 250 lines, comments included. It serves
//! until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_13                     # then, in a second terminal:
//! cargo run --example line_client                       # and type: hello
//! ```
//!
//! Expected output, for a client that connects and sends `hello\r\n`:
//! ```text
//! Waiting for connection...
//! Registering socket to accept connections...
//! Selector has an event, processing...
//! I got a new connection from <socket laddr=('127.0.0.1', 8000), raddr=('127.0.0.1', [..])>!
//! Waiting for connection...
//! Registering socket to accept connections...
//! Reading data from client <socket laddr=('127.0.0.1', 8000), raddr=('127.0.0.1', [..])>
//! Registering socket to listen for data...
//! Selector has an event, processing...
//! Got b'hello\r\n' from client!
//! Registering socket to listen for data...
//! ```
//!
//! Where Rust differs:
//! - The book's coroutines yield their `CustomFuture` to the loop, which adds a callback to
//!   it. A Rust future returns `Poll::Pending` and keeps the `Waker` it was polled with; the
//!   loop completes the socket's future when the selector reports it, and the waker puts the
//!   task back in the run queue.
//! - The book's selector callback does the `recv` or `accept` itself. Here the callback only
//!   says "ready", and the awaiting code does the non-blocking call, which is how mio (and
//!   tokio over it) are used: readiness is reported once per change.
//! - Each line of the story is printed where the book prints it; the socket prints as an
//!   address pair, where Python prints `<socket.socket fd=..., laddr=..., raddr=...>`.

use chapter_14::listing_14_12::{EventLoop, SocketRepr};
use clap::Parser;
use mio::net::{TcpListener, TcpStream};
use util::py::PyBytes;

/// Listing 14.13: a multi-client server on a hand-made event loop
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

async fn read_from_client(mut conn: TcpStream, event_loop: EventLoop) {
    println!("Reading data from client {}", SocketRepr(&conn));
    // `try`/`finally: loop.sock_close(conn)`: a read error ends the client like a close.
    while let Ok(data) = event_loop.sock_recv(&mut conn).await {
        if data.is_empty() {
            break;
        }
        println!("Got {} from client!", PyBytes(&data));
    }
    event_loop.sock_close(conn);
}

async fn listen_for_connections(
    mut sock: TcpListener,
    event_loop: EventLoop,
) -> std::io::Result<()> {
    loop {
        println!("Waiting for connection...");
        // As the book's: out of file descriptors, the error ends the server.
        let (conn, _addr) = event_loop.sock_accept(&mut sock).await?;
        let repr = SocketRepr(&conn).to_string();
        event_loop.register_task(read_from_client(conn, event_loop.clone()));
        println!("I got a new connection from {repr}!");
    }
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server_socket = TcpListener::bind(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server_socket.local_addr()?);
    let event_loop = EventLoop::new()?;
    event_loop.run(listen_for_connections(server_socket, event_loop.clone()))??;
    Ok(())
}
