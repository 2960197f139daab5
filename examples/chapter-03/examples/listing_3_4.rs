//! Listing 3.4: a non-blocking server socket.
//!
//! The Rust twin of `chapter_03/listing_3_4.py`, a fragment: create a socket, bind, listen, and
//! switch it to non-blocking mode, where a call that would wait returns at once with an error
//! instead (Listing 3.5 shows what that does to the blocking echo server).
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_4
//! ```
//!
//! Expected output: nothing, as in the book.
//! ```text
//! ```
//!
//! Where Rust differs: `setblocking(False)` is `set_nonblocking(true)`. The book's fragment
//! leaves out `SO_REUSEADDR`; `std::net::TcpListener::bind` sets it anyway on Unix.

use std::net::TcpListener;

use clap::Parser;

/// Listing 3.4: bind, listen, and switch the socket to non-blocking mode
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
    Ok(())
}
