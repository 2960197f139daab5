//! Listing 3.1: a server socket that accepts one connection.
//!
//! The Rust twin of `chapter_03/listing_3_1.py`, the first step of the chapter's echo server:
//! bind `127.0.0.1:8000`, wait for one client, say who it is, close.
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_1                 # then, in a second terminal:
//! cargo run --example line_client                 # (or telnet localhost 8000)
//! ```
//!
//! Expected output, once a client connects:
//! ```text
//! I got a connection from ('127.0.0.1', [..])!
//! ```
//!
//! Where Rust differs: `socket.socket()` + `setsockopt(SO_REUSEADDR)` + `bind` + `listen` is
//! one call, `std::net::TcpListener::bind`, which sets `SO_REUSEADDR` itself on Unix. Closing
//! is dropping: the listener and the connection are closed when they go out of scope. The
//! client's address prints as Python's tuple (`util::py::PyAddress`).

use std::net::TcpListener;

use clap::Parser;
use util::py::PyAddress;

/// Listing 3.1: accept one connection and say who it is from
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server_socket = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server_socket.local_addr()?);

    let (_connection, client_address) = server_socket.accept()?;
    println!("I got a connection from {}!", PyAddress(client_address));
    Ok(())
}
