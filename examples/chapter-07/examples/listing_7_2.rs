//! Listing 7.2: the thread-per-client echo server, stopped cleanly with Ctrl-C.
//!
//! The Rust twin of `chapter_07/listing_7_2.py`. Each client's thread echoes until its client
//! leaves. On Ctrl-C the server says `Shutting down!`, and each client still connected is sent
//! `Shutting down!` and its socket is shut down both ways, which wakes its thread from `recv`:
//! the thread says why it stops and ends, and the program ends with the last of them.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_2                 # then, in a second terminal:
//! cargo run --example line_client                 # type a line, then Ctrl-C the server
//! ```
//!
//! Expected output, with one client that sends `hello`, then Ctrl-C:
//! ```text
//! Received b'hello\n', sending!
//! Shutting down!
//! Thread interrupted by Connection closed! exception, shutting down!
//! ```
//!
//! Where Rust differs: Python raises `KeyboardInterrupt` in the main thread, blocked in
//! `accept`. Rust has no exceptions to raise there, so the main thread waits for the signal
//! (tokio's, on a small runtime of its own) while a second thread accepts; the first signal
//! closes the clients as the book's `close` does, a second one ends the program at once. A
//! thread's `OSError` is an `io::Error`; the book's `BrokenPipeError('Connection closed!')` for
//! a client that left is the same message here.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

use clap::Parser;
use util::py::PyBytes;

/// Listing 7.2: a thread-per-client echo server that tells its clients when it stops
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// `ClientEchoThread`: a client's connection and the thread that echoes it.
struct ClientEchoThread {
    client: TcpStream,
    thread: JoinHandle<()>,
}

impl ClientEchoThread {
    fn start(client: TcpStream) -> io::Result<Self> {
        let reader = client.try_clone()?;
        let thread = thread::Builder::new().spawn(move || run(reader))?;
        Ok(ClientEchoThread { client, thread })
    }

    fn close(&mut self) {
        if !self.thread.is_finished() {
            // The client may have gone meanwhile: then there is nobody to tell.
            let _ = self.client.write_all(b"Shutting down!");
            let _ = self.client.shutdown(Shutdown::Both);
        }
    }
}

fn run(mut client: TcpStream) {
    if let Err(e) = echo(&mut client) {
        println!("Thread interrupted by {e} exception, shutting down!");
    }
}

fn echo(client: &mut TcpStream) -> io::Result<()> {
    let mut data = [0; 2048];
    loop {
        let received = client.read(&mut data)?;
        if received == 0 {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "Connection closed!",
            ));
        }
        println!("Received {}, sending!", PyBytes(&data[..received]));
        client.write_all(&data[..received])?;
    }
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    let connection_threads = Arc::new(Mutex::new(Vec::new()));

    let accepted = Arc::clone(&connection_threads);
    thread::Builder::new().spawn(move || {
        loop {
            let (connection, _) = serve::accept_blocking(&server);
            match ClientEchoThread::start(connection) {
                Ok(thread) => accepted
                    .lock()
                    .expect("no thread panics holding it")
                    .push(thread),
                Err(error) => eprintln!("cannot start a thread for a client: {error}"),
            }
        }
    })?;

    // This thread waits for Ctrl-C on a runtime of its own, which also ends the program at a
    // second one while the clients are being closed (on a blocking-pool thread).
    let signals = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    signals.block_on(async move {
        serve::stop_requested().await;
        println!("Shutting down!");
        tokio::task::spawn_blocking(move || {
            let threads = std::mem::take(&mut *connection_threads.lock().expect("not poisoned"));
            for mut thread in threads {
                thread.close();
                let _ = thread.thread.join();
            }
        })
        .await
    })?;
    // The accepting thread is still in `accept`: ending `main` ends it.
    Ok(())
}
