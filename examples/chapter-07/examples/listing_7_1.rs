//! Listing 7.1: an echo server with a thread per client.
//!
//! The Rust twin of `chapter_07/listing_7_1.py`. The main thread accepts connections on
//! `127.0.0.1:8000`; each client gets a thread of its own, which reads up to 2,048 bytes at a
//! time, says what it received and sends it back. Blocking sockets, no event loop: a thread
//! waits for each client.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_1                 # then, in a second terminal:
//! cargo run --example line_client                 # (or telnet localhost 8000)
//! ```
//!
//! Expected output, when a client sends `hello`:
//! ```text
//! Received b'hello\n', sending!
//! ```
//!
//! Where the book's program has a bug: when a client leaves, `recv` returns no bytes, and its
//! thread prints `Received b'', sending!` and asks again, for ever, at full speed. This one ends
//! the client's thread then, as Listing 7.2 does. Ctrl-C ends the server (the book's threads
//! keep it running until each client leaves; use Listing 7.2 for a server that tells them).
//!
//! Where Rust differs: `Thread(target=echo, args=(connection,)).start()` is
//! `thread::spawn(move || echo(connection))`; the connection moves into the thread, which owns
//! it and closes it when it ends. `SO_REUSEADDR` is set by `TcpListener::bind` itself.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

use clap::Parser;
use util::py::PyBytes;

/// Listing 7.1: an echo server with a thread per client
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

fn echo(mut client: TcpStream) {
    let mut data = [0; 2048];
    loop {
        let received = match client.read(&mut data) {
            Ok(0) | Err(_) => return,
            Ok(received) => &data[..received],
        };
        println!("Received {}, sending!", PyBytes(received));
        if client.write_all(received).is_err() {
            return;
        }
    }
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    loop {
        let (connection, _) = serve::accept_blocking(&server);
        // Out of threads, the client is turned away (its connection closes) and the server goes on.
        if let Err(error) = thread::Builder::new().spawn(move || echo(connection)) {
            eprintln!("cannot start a thread for a client: {error}");
        }
    }
}
