//! Listing 3.5: the blocking echo server on non-blocking sockets, which fails at once.
//!
//! The Rust twin of `chapter_03/listing_3_5.py`. Listing 3.3's loop, with the sockets switched
//! to non-blocking mode. Its first `accept` finds no client waiting and, instead of waiting,
//! fails: Python raises `BlockingIOError`, and the program ends with a traceback.
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_5
//! ```
//!
//! Expected output: nothing on stdout.
//! ```text
//! ```
//! Expected stderr, and exit status 1:
//! ```text
//! Error: accept: Resource temporarily unavailable (os error 11)
//! ```
//!
//! Where Rust differs: the failure is a value, `ErrorKind::WouldBlock` (errno `EAGAIN`, the same
//! one Python wraps in `BlockingIOError`), which `?` returns from `main`: one line, no
//! traceback. Listing 3.6 catches it instead.

use std::io::{Read, Write};
use std::net::TcpListener;

use clap::Parser;
use util::py::{PyAddress, PyBytes};

/// Listing 3.5: the echo loop on non-blocking sockets (fails on the first accept)
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
    server_socket.set_nonblocking(true)?;

    let mut connections = Vec::new();

    loop {
        // No client yet: this fails at once with WouldBlock, and `?` ends the program.
        let (connection, client_address) = server_socket
            .accept()
            .map_err(|error| format!("accept: {error}"))?;
        connection.set_nonblocking(true)?;
        println!("I got a connection from {}!", PyAddress(client_address));
        connections.push(connection);

        for connection in &mut connections {
            let mut buffer = Vec::new();

            while !buffer.ends_with(b"\r\n") {
                let mut data = [0; 2];
                let received = connection.read(&mut data)?;
                if received == 0 {
                    break;
                }
                println!("I got data: {}!", PyBytes(&data[..received]));
                buffer.extend_from_slice(&data[..received]);
            }

            println!("All the data is: {}", PyBytes(&buffer));

            connection.write_all(&buffer)?;
        }
    }
}
