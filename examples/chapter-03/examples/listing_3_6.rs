//! Listing 3.6: a non-blocking echo server that catches "would block" and loops.
//!
//! The Rust twin of `chapter_03/listing_3_6.py`. Every pass of the loop tries to accept a
//! client and to read a line from each one; a call that would block fails with `WouldBlock`,
//! which is caught and ignored. Many clients are served at once, but the loop never waits: it
//! spins at 100% of a CPU core even with no client at all (watch it in `top`). A line that
//! arrives in pieces loses what was read before the "would block", as in the book. It serves
//! until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_6                 # then, in two more terminals:
//! cargo run --example line_client                 # type a line in each: both come back
//! ```
//!
//! Expected output, for one client that sends `hi\r\n`:
//! ```text
//! I got a connection from ('127.0.0.1', [..])!
//! I got data: b'hi'!
//! I got data: b'\r\n'!
//! All the data is: b'hi\r\n'
//! ```
//!
//! Where Rust differs: `except BlockingIOError: pass` is a `match` on
//! `ErrorKind::WouldBlock`; any other error still ends the program. The busy loop is the
//! book's point: Listing 3.7 lets the operating system wake us instead.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};

use clap::Parser;
use util::py::{PyAddress, PyBytes};

/// Listing 3.6: a non-blocking echo server in a busy loop (100% CPU)
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// Reads a line two bytes at a time and echoes it; `WouldBlock` midway comes back as an error.
fn echo_line(connection: &mut TcpStream) -> io::Result<()> {
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
    connection.write_all(&buffer)
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
        match server_socket.accept() {
            Ok((connection, client_address)) => {
                connection.set_nonblocking(true)?;
                println!("I got a connection from {}!", PyAddress(client_address));
                connections.push(connection);
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => {}
            Err(error) => return Err(error.into()),
        }

        for connection in &mut connections {
            match echo_line(connection) {
                Ok(()) => {}
                Err(error) if error.kind() == ErrorKind::WouldBlock => {}
                Err(error) => return Err(error.into()),
            }
        }
    }
}
