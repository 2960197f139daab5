//! Listing 3.2: reading a client's data, two bytes at a time, until `\r\n`.
//!
//! The Rust twin of `chapter_03/listing_3_2.py`. The server accepts one client and reads from it
//! in chunks of two bytes until the data ends with `\r\n` (or the client hangs up), printing each
//! chunk, then the whole line.
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_2                 # then, in a second terminal:
//! cargo run --example line_client                 # and type: testing
//! ```
//!
//! Expected output, for a client that sends `testing\r\n`:
//! ```text
//! I got a connection from ('127.0.0.1', [..])!
//! I got data: b'te'!
//! I got data: b'st'!
//! I got data: b'in'!
//! I got data: b'g\r'!
//! I got data: b'\n'!
//! All the data is: b'testing\r\n'
//! ```
//!
//! Where Rust differs: `connection.recv(2)` is `read` into a two-byte buffer, which returns how
//! many bytes arrived (0 when the client has closed). Python's `finally: server_socket.close()`
//! is the listener's `Drop`, which also runs when `?` returns an error early.

use std::io::Read;
use std::net::TcpListener;

use clap::Parser;
use util::py::{PyAddress, PyBytes};

/// Listing 3.2: read one client's line, two bytes at a time
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

    let (mut connection, client_address) = server_socket.accept()?;
    println!("I got a connection from {}!", PyAddress(client_address));

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
    Ok(())
}
