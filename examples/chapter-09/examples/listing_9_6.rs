//! Listing 9.6: WSGI underneath, in Rust terms: a blocking function from a request to a
//! response, called by a server that gives each connection a thread.
//!
//! The Rust twin of `chapter_09/listing_9_6.py`. The book's listing is the application alone,
//! `application(env, start_response)`, which a WSGI server such as gunicorn calls for each
//! request; WSGI is the contract between the two, and the server decides the rest. Rust has no
//! such contract, so this example has both halves: `application`, a plain function, and below
//! it the server a WSGI server is, in its simplest form: accept, a thread per connection, read
//! the request, call the function, write what it returns. Every request gets `WSGI hello!`.
//! It serves until Ctrl-C.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_6                 # then, in a second terminal:
//! curl http://127.0.0.1:8000/
//! ```
//!
//! Expected output: none; `curl` gets
//! ```text
//! WSGI hello!
//! ```
//!
//! Where Rust differs: the function cannot await, and its thread waits for the database or
//! the network it calls, as a WSGI application's does; a thousand slow requests need a thousand
//! threads, which is what Listing 9.7 is about. The server reads request heads of at most
//! 16 KiB within 10 s, answers 400 to one it cannot parse, closes each connection after its
//! answer, and outlasts a failed accept (too many open files).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use clap::Parser;

/// Listing 9.6: a blocking application on a thread-per-connection server
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// What it returns: `start_response`'s status and headers, and the body.
struct Response {
    status: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Vec<u8>,
}

/// The book's `application`. It is given the parsed request (WSGI's `env` holds the same, and
/// more), and ignores it, as the book's does.
fn application(_request: &httparse::Request<'_, '_>) -> Response {
    Response {
        status: "200 OK",
        headers: vec![("Content-Type", "text/html")],
        body: b"WSGI hello!".to_vec(),
    }
}

/// The longest request head read, and how long a client may take to send it.
const MAX_HEAD: usize = 16 << 10;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// One connection, on its own thread: one request, one answer.
fn serve_connection(mut connection: TcpStream) -> io::Result<()> {
    connection.set_read_timeout(Some(HEAD_TIMEOUT))?;
    let head = read_head(&mut connection)?;
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let response = match head.as_deref().map(|head| request.parse(head)) {
        Some(Ok(httparse::Status::Complete(_))) => application(&request),
        _ => Response {
            status: "400 Bad Request",
            headers: vec![("Content-Type", "text/plain")],
            body: b"Bad Request\n".to_vec(),
        },
    };
    let mut head = format!("HTTP/1.1 {}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    connection.write_all(head.as_bytes())?;
    connection.write_all(&response.body)
}

/// Reads a request head, up to its blank line; `None` if the client closes first or sends
/// more than [`MAX_HEAD`] bytes without one.
fn read_head(connection: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0; 1024];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
        let read = connection.read(&mut chunk)?;
        if read == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&chunk[..read]);
    }
    Ok(Some(head))
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    loop {
        let (connection, _) = serve::accept_blocking(&server);
        let spawned = thread::Builder::new().spawn(move || {
            if let Err(error) = serve_connection(connection) {
                eprintln!("connection ended with an error: {error}");
            }
        });
        if let Err(error) = spawned {
            eprintln!("no thread for a new connection: {error}");
        }
    }
}
