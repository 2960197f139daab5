//! Listing 3.7: an echo server on a selector: the operating system says which socket is ready.
//!
//! The Rust twin of `chapter_03/listing_3_7.py`. The sockets are registered with a selector
//! (epoll on Linux), and `select(timeout=1)` sleeps until one of them has something to read, or
//! a second has passed: no busy loop. The server socket being readable means a client is
//! waiting to be accepted; a client socket being readable means it sent data. It serves until
//! it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_7                 # then, in a second terminal:
//! cargo run --example line_client                 # type: hi
//! ```
//!
//! Expected output, for a client that connects after a second or so and sends `hi\r\n`:
//! ```text
//! No events, waiting a bit more!
//! I got a connection from ('127.0.0.1', [..])
//! I got some data: b'hi\r\n'
//! ```
//! and one `No events, waiting a bit more!` for every second without any.
//!
//! Where Rust differs: Python's `selectors` module is [mio], the crate under tokio's own event
//! loop: `Poll` is the selector, a `Token` names each registered socket (Python compares the
//! socket objects), and `poll(&mut events, Some(1 s))` is `select(timeout=1)`. mio reports
//! readiness once per change (edge-triggered), so a readable socket is read until it would
//! block; Python's selector reports it again and again (level-triggered).
//!
//! [mio]: https://docs.rs/mio

use std::collections::HashMap;
use std::io::{self, ErrorKind, Read, Write};
use std::time::Duration;

use clap::Parser;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use util::py::{PyAddress, PyBytes};

/// Listing 3.7: an echo server on a selector (epoll), waking at least once a second
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

const SERVER: Token = Token(0);

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let mut selector = Poll::new()?;

    let address = format!("127.0.0.1:{port}")
        .parse()
        .map_err(|_| io::Error::other("not an address"))?;
    let mut server_socket = TcpListener::bind(address)
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server_socket.local_addr()?);
    selector
        .registry()
        .register(&mut server_socket, SERVER, Interest::READABLE)?;

    let mut connections: HashMap<Token, TcpStream> = HashMap::new();
    let mut events = Events::with_capacity(128);
    let mut next_token = 1;

    loop {
        selector.poll(&mut events, Some(Duration::from_secs(1)))?;

        if events.is_empty() {
            println!("No events, waiting a bit more!");
        }

        for event in &events {
            if event.token() == SERVER {
                // Every client waiting now: readiness is reported once for all of them.
                loop {
                    match server_socket.accept() {
                        Ok((mut connection, address)) => {
                            println!("I got a connection from {}", PyAddress(address));
                            let token = Token(next_token);
                            next_token += 1;
                            selector.registry().register(
                                &mut connection,
                                token,
                                Interest::READABLE,
                            )?;
                            connections.insert(token, connection);
                        }
                        Err(error) if error.kind() == ErrorKind::WouldBlock => break,
                        // As the book's: out of file descriptors, the server ends.
                        Err(error) => return Err(error.into()),
                    }
                }
            } else if let Some(connection) = connections.get_mut(&event.token()) {
                let closed = echo_what_arrived(connection)?;
                if closed {
                    // Python keeps a closed socket registered and reads b'' from it forever;
                    // we forget it.
                    let mut connection = connections
                        .remove(&event.token())
                        .expect("the token was just found");
                    selector.registry().deregister(&mut connection)?;
                }
            }
        }
    }
}

/// Reads what the client sent, up to 1 KiB at a time, and sends it back; returns whether the
/// client has closed its side.
fn echo_what_arrived(connection: &mut TcpStream) -> io::Result<bool> {
    let mut data = [0; 1024];
    loop {
        match connection.read(&mut data) {
            Ok(0) => return Ok(true),
            Ok(received) => {
                println!("I got some data: {}", PyBytes(&data[..received]));
                connection.write_all(&data[..received])?;
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => return Ok(false),
            // The book's `recv` raises here, and the server ends; this one closes that client.
            Err(error) if error.kind() == ErrorKind::ConnectionReset => return Ok(true),
            Err(error) => return Err(error),
        }
    }
}
