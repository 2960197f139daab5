//! A line client for the chapter's servers: what the book does with `telnet localhost 8000`.
//!
//! Not a listing. telnet is not installed on a fresh machine, so this small program stands in
//! for it: it connects, sends each line you type (ending it with `\r\n`, as telnet does), and
//! prints whatever the server sends back, a line at a time. End your input with Ctrl-D: the
//! client then closes its sending side and prints what is still on its way until the server
//! closes.
//!
//! Run with:
//! ```text
//! cargo run --example line_client                   # to 127.0.0.1:8000
//! cargo run --example line_client -- --port 8001
//! printf 'testing\n' | cargo run --example line_client
//! ```
//!
//! Expected output, against Listing 3.8's echo server, for the input `testing`:
//! ```text
//! testing
//! ```
//!
//! How it works: two threads and blocking sockets, one copying your lines to the server, one
//! copying the server's bytes to the screen. It is a tool, not a lesson; the chapter's point is
//! the servers.

use std::io::{self, BufRead, Write};
use std::net::{Shutdown, TcpStream};
use std::thread;

use clap::Parser;

/// A telnet stand-in: send typed lines (with \r\n) and print what the server sends back
#[derive(Parser)]
struct Args {
    /// The server's address
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The server's port
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { host, port } = Args::parse();
    let connection = TcpStream::connect((host.as_str(), port))
        .map_err(|error| format!("cannot connect to {host}:{port}: {error}"))?;
    let mut to_server = connection.try_clone()?;

    let typing = thread::spawn(move || -> io::Result<()> {
        for line in io::stdin().lock().lines() {
            to_server.write_all(line?.as_bytes())?;
            to_server.write_all(b"\r\n")?;
        }
        // Ctrl-D: nothing more to send. The server may still answer.
        to_server.shutdown(Shutdown::Write)
    });

    // Line by line, each printed with a plain `\n` whatever the server ended it with.
    let mut from_server = io::BufReader::new(connection);
    let mut line = Vec::new();
    while from_server.read_until(b'\n', &mut line)? > 0 {
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        let mut stdout = io::stdout().lock();
        stdout.write_all(text)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
        line.clear();
    }
    // The server closed: a line still being typed has nowhere to go.
    if typing.is_finished() {
        typing.join().expect("the typing thread does not panic")?;
    }
    Ok(())
}
