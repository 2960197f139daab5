//! Listing 9.6: WSGI underneath, in Rust terms: a blocking function from a request to a
//! response, called by a server that gives each connection a thread.
//!
//! The Rust twin of `chapter_09/listing_9_6.py`. The book's listing is the application alone,
//! `application(env, start_response)`, which a WSGI server such as gunicorn calls for each
//! request; WSGI is the contract between the two, and the server decides the rest. Rust has no
//! such contract, so this example has both halves: `application`, a plain function, and the
//! server a WSGI server is, in its simplest form, from the chapter's library
//! (`examples/chapter-09/src/blocking.rs`): accept, a thread per connection, read the request,
//! call the function, write what it returns. Every request gets `WSGI hello!`.
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

use std::net::{SocketAddr, TcpListener};

use chapter_09::blocking::{Response, serve_forever};
use clap::Parser;

/// Listing 9.6: a blocking application on a thread-per-connection server
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// The book's `application`. It is given the parsed request (WSGI's `env` holds the same, and
/// more), and ignores it, as the book's does.
fn application(_request: &httparse::Request<'_, '_>) -> Response {
    Response {
        status: "200 OK",
        content_type: "text/html",
        body: b"WSGI hello!".to_vec(),
    }
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    serve_forever(&server, application)
}
