//! Listing 8.12: an echo server that tells everyone when a user joins or leaves.
//!
//! The Rust twin of `chapter_08/listing_8_12.py`. Each client gets `Welcome! N user(s) are
//! online!`, then everyone, the newcomer too, gets `New user connected!`; each line a client
//! sends comes back to it; when it leaves, the others get `Client disconnected. N user(s) are
//! online!`. It serves until Ctrl-C or SIGTERM, which close every connection.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_12                # then, in two more terminals:
//! cargo run --example line_client                 # and type: hello
//! ```
//!
//! Expected output: none from the server. The first client sees, for the line `hello`,
//! ```text
//! Welcome! 1 user(s) are online!
//! New user connected!
//! hello
//! ```
//! and `New user connected!` again when the second client joins.
//!
//! Where Rust differs:
//! - `asyncio.start_server` is the workspace's accept loop (`serve::accept_until`), which, as
//!   asyncio's, logs a failed accept (the open-file limit) and goes on.
//! - The book writes to each client in turn and awaits its `drain()`, so one client that stops
//!   reading stops the whole server. Here each client has a queue and a task that writes
//!   it (the library's `Outbox`); a client with 1 MiB waiting, or who takes nothing for 10 s,
//!   is dropped. A line is at most 64 KiB, as asyncio's `readline` allows: a client that
//!   sends a longer one is dropped, as the book's would be by the `ValueError`.
//! - The book's `_writers` list is a map from a number given to each client to its queue.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use asyncio_blocks::readline;
use chapter_08::outbox::Outbox;
use clap::Parser;
use tokio::io::BufReader;
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedReadHalf;

/// Listing 8.12: an echo server that announces joins and leaves
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[derive(Default)]
struct ServerState {
    writers: Mutex<HashMap<u64, Outbox>>,
    next_client: AtomicU64,
}

impl ServerState {
    async fn add_client(self: Arc<Self>, stream: TcpStream) {
        let (reader, writer) = stream.into_split();
        let (outbox, sending) = Outbox::new(writer);
        let client = self.next_client.fetch_add(1, Ordering::Relaxed);
        self.on_connect(client, outbox);
        // The client's two halves, side by side: what it sends, and what it is sent.
        let mut sending = pin!(sending);
        let reading_ended = tokio::select! {
            () = self.echo(client, reader) => true,
            sent = &mut sending => {
                if let Err(error) = sent {
                    tracing::warn!("Could not write to client: {error}");
                }
                false
            }
        };
        let online = {
            let mut writers = self.writers();
            writers.remove(&client);
            writers.len()
        };
        if reading_ended {
            // Out of `writers`, the client's queue is closed; what is in it still goes out
            // before the connection closes.
            if let Err(error) = sending.await {
                tracing::warn!("Could not write to client: {error}");
            }
        }
        self.notify_all(&format!(
            "Client disconnected. {online} user(s) are online!\n"
        ));
    }

    fn on_connect(&self, client: u64, outbox: Outbox) {
        let mut writers = self.writers();
        let welcome = format!("Welcome! {} user(s) are online!\n", writers.len() + 1);
        // The queue is new and empty: this cannot be refused.
        let _ = outbox.try_send(&welcome.into());
        writers.insert(client, outbox);
        drop(writers);
        self.notify_all("New user connected!\n");
    }

    async fn echo(&self, client: u64, reader: OwnedReadHalf) {
        let mut reader = BufReader::new(reader);
        let mut data = Vec::new();
        loop {
            data.clear();
            match readline(&mut reader, &mut data).await {
                Ok(0) => return,
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!("Error reading from client: {error}");
                    return;
                }
            }
            self.send_back(client, String::from_utf8_lossy(&data).into());
            // Lines that came together are read without a wait; the yield lets the writing
            // task run between them, so that only a client that does not read falls behind.
            tokio::task::yield_now().await;
        }
    }

    /// Queues `line` for the client that sent it.
    fn send_back(&self, client: u64, line: Arc<str>) {
        let mut writers = self.writers();
        let queued = writers.get(&client).map(|outbox| outbox.try_send(&line));
        if let Some(Err(why)) = queued {
            tracing::warn!("Could not write to client: {why}");
            if let Some(outbox) = writers.remove(&client) {
                outbox.drop_client();
            }
        }
    }

    /// Queues `message` for every client, without waiting for any. Whoever cannot take it is
    /// dropped; their own task then ends, and the others are told.
    fn notify_all(&self, message: &str) {
        let message: Arc<str> = message.into();
        let mut writers = self.writers();
        let inactive: Vec<u64> = writers
            .iter()
            .filter_map(|(&client, outbox)| {
                let why = outbox.try_send(&message).err()?;
                tracing::warn!("Could not write to client: {why}");
                Some(client)
            })
            .collect();
        for client in inactive {
            if let Some(outbox) = writers.remove(&client) {
                outbox.drop_client();
            }
        }
    }

    fn writers(&self) -> MutexGuard<'_, HashMap<u64, Outbox>> {
        // Poisoned only by a panic while it was held; the map is still whole.
        self.writers
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    // `logging.exception` writes to stderr; so do these warnings.
    util::log_to_stderr("warn");
    serve::raise_open_file_limit();
    let server = serve::listen(SocketAddr::from(([127, 0, 0, 1], port)))?;
    serve::tell_chosen_port(port, server.local_addr()?);

    let server_state = Arc::new(ServerState::default());
    let clients = serve::accept_until(&server, serve::stop_requested(), |stream, _| {
        Arc::clone(&server_state).add_client(stream)
    })
    .await;
    // Stopped: every connection closes with its task.
    drop(clients);
    Ok(())
}
