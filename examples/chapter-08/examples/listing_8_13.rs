//! Listing 8.13: a chat server: `CONNECT <user>`, then every line is said to the room.
//!
//! The Rust twin of `chapter_08/listing_8_13.py`. A client's first line is `CONNECT alice`;
//! it gets `Welcome! N user(s) are online!` and everyone gets `alice connected!`. Then each
//! line alice sends reaches everyone as `alice: LINE`, and when she leaves, or sends nothing
//! for 60 seconds (`--idle-timeout`), everyone gets `alice has left the chat`. The server
//! prints `CONNECTED` and the client's address for each handshake it reads. It serves until
//! Ctrl-C or SIGTERM, which close every connection.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_13                # then, in two more terminals:
//! cargo run --example listing_8_14                # the chat client, twice
//! ```
//!
//! Expected output, for one client:
//! ```text
//! CONNECTED ('127.0.0.1', [..])
//! ```
//! The book prints the reprs of the client's `StreamReader` and `StreamWriter` there. With
//! `line_client` (a telnet stand-in), type `CONNECT alice` first: a telnet user's `\r\n` ends a
//! line as `\n` does.
//!
//! Where Rust differs, and where the book's server would not survive the public:
//! - Sending: as in Listing 8.12, each client has a queue and a task that writes it, so
//!   a client that stops reading slows only itself, and is dropped when 1 MiB behind or when
//!   it takes nothing for 10 s; a message for the room is shared, not copied, so the
//!   memory a client can hold is bounded. The book's `await writer.drain()` for each client in
//!   turn lets one such client stop the room.
//! - Reading: a line is at most 64 KiB, as asyncio's `readline` allows (a 10 MB line drops its
//!   sender); the idle timeout also applies to the handshake; a `\r` before the `\n` is not
//!   part of the name or the message (the book keeps it, a reader's bug report).
//! - Leaving: everyone is told whoever leaves, however (the book tells only of clients that
//!   close, and never forgets them; it forgets idle ones without telling). A name already in
//!   the room is refused, where the book would give the newcomer the other's place.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use asyncio_blocks::readline;
use chapter_08::outbox::Outbox;
use clap::Parser;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedReadHalf;
use util::cli::parse_seconds;
use util::py::PyAddress;

/// Listing 8.13: a chat server
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// How long a client may send nothing before it is dropped
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    idle_timeout: Duration,
}

/// A user in the room: their queue, and a number that tells them from a later user of the
/// same name.
struct User {
    client: u64,
    outbox: Outbox,
}

struct ChatServer {
    username_to_writer: Mutex<HashMap<String, User>>,
    next_client: AtomicU64,
    idle_timeout: Duration,
}

impl ChatServer {
    async fn client_connected(self: Arc<Self>, stream: TcpStream, peer: SocketAddr) {
        let (reader, mut writer) = stream.into_split();
        // Chat lines are short: a buffer of 1 KiB rather than tokio's 8 KiB makes 10,000
        // users 70 MB lighter, and a longer line is read in several reads.
        let mut reader = BufReader::with_capacity(1024, reader);
        let mut command = Vec::new();
        let read = tokio::time::timeout(self.idle_timeout, readline(&mut reader, &mut command));
        if !matches!(read.await, Ok(Ok(1..))) {
            return;
        }
        println!("CONNECTED {}", PyAddress(peer));
        let command = String::from_utf8_lossy(&command);
        let username = match command.trim_end_matches(['\r', '\n']).split_once(' ') {
            Some(("CONNECT", username)) if !username.is_empty() => username.to_owned(),
            _ => {
                tracing::error!("Got invalid command from client, disconnecting.");
                let _ = writer.shutdown().await;
                return;
            }
        };
        let (outbox, sending) = Outbox::new(writer);
        let Some(client) = self.add_user(&username, outbox) else {
            // The refusal is queued; `sending` writes it and closes.
            tracing::warn!("The name {username:?} is taken, disconnecting.");
            let _ = sending.await;
            return;
        };
        self.notify_all(&format!("{username} connected!\n"));

        let mut sending = pin!(sending);
        let reading_ended = tokio::select! {
            () = self.listen_for_messages(&username, reader) => true,
            sent = &mut sending => {
                if let Err(error) = sent {
                    tracing::warn!("Could not write to {username}: {error}");
                }
                false
            }
        };
        self.remove_user(&username, client);
        if reading_ended {
            // Out of the room, the user's queue is closed; what is in it still goes out
            // before the connection closes.
            if let Err(error) = sending.await {
                tracing::warn!("Could not write to {username}: {error}");
            }
        }
        self.notify_all(&format!("{username} has left the chat\n"));
    }

    /// Puts `username` in the room and welcomes them; `None` (and the refusal queued) if the
    /// name is taken.
    fn add_user(&self, username: &str, outbox: Outbox) -> Option<u64> {
        let mut users = self.users();
        // The queue is new and empty: these cannot be refused.
        if users.contains_key(username) {
            let taken = format!("The name {username} is taken, choose another.\n");
            let _ = outbox.try_send(&taken.into());
            return None;
        }
        let welcome = format!("Welcome! {} user(s) are online!\n", users.len() + 1);
        let _ = outbox.try_send(&welcome.into());
        let client = self.next_client.fetch_add(1, Ordering::Relaxed);
        users.insert(username.to_owned(), User { client, outbox });
        Some(client)
    }

    fn remove_user(&self, username: &str, client: u64) {
        let mut users = self.users();
        if users
            .get(username)
            .is_some_and(|user| user.client == client)
        {
            users.remove(username);
        }
    }

    async fn listen_for_messages(&self, username: &str, mut reader: BufReader<OwnedReadHalf>) {
        let mut data = Vec::new();
        loop {
            // One long line must not leave each of thousands of users holding 64 KiB.
            data.clear();
            data.shrink_to(1024);
            match tokio::time::timeout(self.idle_timeout, readline(&mut reader, &mut data)).await {
                Ok(Ok(0)) => return,
                Ok(Ok(_)) => {
                    let text = String::from_utf8_lossy(&data);
                    let message = text.trim_end_matches(['\r', '\n']);
                    self.notify_all(&format!("{username}: {message}\n"));
                    // Lines that came together are read without a wait; the yield lets the
                    // writing tasks run between them, so that only clients that do not read
                    // fall behind.
                    tokio::task::yield_now().await;
                }
                Ok(Err(error)) => {
                    tracing::warn!("Error reading from {username}: {error}");
                    return;
                }
                Err(_) => {
                    tracing::warn!(
                        "{username} sent nothing for {:?}, disconnecting.",
                        self.idle_timeout
                    );
                    return;
                }
            }
        }
    }

    /// Queues `message` for everyone, without waiting for anyone. Whoever cannot take it is
    /// dropped from the room; their own task then ends, and says they left.
    fn notify_all(&self, message: &str) {
        let message: Arc<str> = message.into();
        let mut users = self.users();
        let inactive_users: Vec<String> = users
            .iter()
            .filter_map(|(username, user)| {
                let why = user.outbox.try_send(&message).err()?;
                tracing::warn!("Could not write to {username}: {why}");
                Some(username.clone())
            })
            .collect();
        for username in inactive_users {
            if let Some(user) = users.remove(&username) {
                user.outbox.drop_client();
            }
        }
    }

    fn users(&self) -> MutexGuard<'_, HashMap<String, User>> {
        // Poisoned only by a panic while it was held; the map is still whole.
        self.username_to_writer
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port, idle_timeout } = Args::parse();
    util::log_to_stderr("warn");
    serve::raise_open_file_limit();
    let server = serve::listen(SocketAddr::from(([127, 0, 0, 1], port)))?;
    serve::tell_chosen_port(port, server.local_addr()?);

    let chat_server = Arc::new(ChatServer {
        username_to_writer: Mutex::new(HashMap::new()),
        next_client: AtomicU64::new(0),
        idle_timeout,
    });
    let clients = serve::accept_until(&server, serve::stop_requested(), |stream, peer| {
        Arc::clone(&chat_server).client_connected(stream, peer)
    })
    .await;
    drop(clients);
    Ok(())
}
