//! Listing 14.2: a context variable that remembers which client a task serves.
//!
//! The Rust twin of `chapter_14/listing_14_2.py`. The server stores each client's address in a
//! context variable before it starts the task that reads the client's messages; the task reads
//! the variable and finds its own client's address, although the server has set it again for
//! every client since. It serves until it is stopped (Ctrl-C).
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_2                      # then, in a second terminal:
//! cargo run --example line_client -- --port 9000        # and type: hello
//! ```
//!
//! Expected output, for a client that sends `hello\r\n`:
//! ```text
//! Got message b'hello\r\n' from ('127.0.0.1', [..])
//! ```
//!
//! Where Rust differs: `ContextVar` is tokio's `task_local!`: `USER_ADDRESS.scope(address,
//! future)` gives the future, and whatever it awaits, its own value, and `USER_ADDRESS.get()`
//! reads it. asyncio copies the whole context when a task is created; a task-local is set
//! explicitly around the future the task runs, which makes plain where the value comes from.
//! The accept loop is the workspace's (`serve::accept_until`), which, as asyncio's, goes on
//! past the open-file limit.

use std::future::Future;
use std::net::SocketAddr;

use asyncio_blocks::readline;
use clap::Parser;
use tokio::io::BufReader;
use tokio::net::TcpStream;
use util::py::{PyAddress, PyBytes};

tokio::task_local! {
    static USER_ADDRESS: SocketAddr;
}

/// Listing 14.2: each client's task knows its client through a context variable
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 9000)]
    port: u16,
}

/// `client_connected`, which `asyncio.start_server` calls for each client: the address goes
/// in the context variable, for the task that reads the client's messages.
fn client_connected(connection: TcpStream, peer: SocketAddr) -> impl Future<Output = ()> {
    USER_ADDRESS.scope(peer, listen_for_messages(connection))
}

async fn listen_for_messages(connection: TcpStream) {
    let mut reader = BufReader::new(connection);
    let mut data = Vec::new();
    // `await reader.readline()`, with asyncio's 64 KiB limit: a longer line ends this client's
    // task (asyncio raises `ValueError` in it), not the server, and does not fill the memory.
    loop {
        match readline(&mut reader, &mut data).await {
            Ok(0) => return,
            Ok(_) => println!(
                "Got message {} from {}",
                PyBytes(&data),
                PyAddress(USER_ADDRESS.get())
            ),
            Err(error) => {
                eprintln!("client {}: {error}", PyAddress(USER_ADDRESS.get()));
                return;
            }
        }
        data.clear();
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    // asyncio logs a failed `accept` (no file descriptor left) and goes on, as the workspace's
    // accept loop does: its warnings go to stderr.
    util::log_to_stderr("warn");
    let server = serve::listen(SocketAddr::from(([127, 0, 0, 1], port)))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    // `start_server(client_connected, ...)` and `serve_forever()`: until the program is stopped.
    serve::accept_until(&server, std::future::pending(), client_connected).await;
    Ok(())
}
