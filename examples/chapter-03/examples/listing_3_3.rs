//! Listing 3.3: an echo server for several clients, on blocking sockets.
//!
//! The Rust twin of `chapter_03/listing_3_3.py`, and its flaw. After each new connection the
//! server reads a line from every client it has, in turn, and echoes it. A blocking `read`
//! waits for *that* client: if the first client has nothing to say, the second one waits too,
//! and no new client is accepted meanwhile. It serves until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_3                 # then, in two more terminals:
//! cargo run --example line_client                 # client 1: type a line, it comes back
//! cargo run --example line_client                 # client 2: its line waits for client 1's next
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
//! Where Rust differs: nothing but spelling, and that is the lesson: blocking calls serve one
//! client at a time in any language. Ctrl-C ends the program as it ends Python's, which
//! closes the sockets on its way out (the kernel does it for a Rust program that is killed).

use std::io::{Read, Write};
use std::net::TcpListener;

use clap::Parser;
use util::py::{PyAddress, PyBytes};

/// Listing 3.3: echo for several clients on blocking sockets (one starves the others)
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

    let mut connections = Vec::new();

    loop {
        let (connection, client_address) = server_socket.accept()?;
        println!("I got a connection from {}!", PyAddress(client_address));
        connections.push(connection);

        for connection in &mut connections {
            let mut buffer = Vec::new();

            // Blocks until this client sends: every other client waits meanwhile.
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
