//! Listings 9.9 and 9.10: a WebSocket that tells every open page how many users are online,
//! and the page.
//!
//! The Rust twin of `chapter_09/listing_9_9.py` (Starlette) and of its page,
//! `chapter_09/listing_9_10.html`. Each page that connects to `/counter` is counted; whenever
//! one connects or leaves, every connected page is sent the new count. The page itself is
//! served at `/`: open it in two or three browser tabs and watch `Users online:` follow. It
//! serves until Ctrl-C or SIGTERM.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_9                 # then open http://127.0.0.1:8000/
//! ```
//!
//! Expected output: none; each open page shows, for three pages,
//! ```text
//! Users online: 3
//! ```
//!
//! Where Rust differs:
//! - Starlette's `WebSocketEndpoint` class, with `on_connect`, `on_receive` and
//!   `on_disconnect`, is one async function per connection: what comes before its loop is
//!   `on_connect`, the loop over incoming messages is `on_receive`, what comes after it is
//!   `on_disconnect`. The class-level `sockets` list is a map shared in an `Arc`.
//! - The book sends the count with a task per socket and waits for them all; here each socket
//!   has a small queue and a task that writes it, so a page that stops reading holds up no
//!   other, and one whose queue is full is dropped, as the book drops a socket whose send
//!   failed.
//! - The book's page is a file that connects to `ws://localhost:8000`; here the server hands
//!   it out, and it connects to the address it came from, so `--port` works.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Request, State};
use axum::response::{Html, Response};
use axum::routing::get;
use chapter_09::websocket::{self, WebSocket};
use clap::Parser;
use futures::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// Listings 9.9 and 9.10: a live count of the users online
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// Listing 9.10, the page: it shows the last number the counter sent.
const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
    <title>Users online</title>
    <script>
        document.addEventListener("DOMContentLoaded", () => {
            const socket = new WebSocket(`ws://${location.host}/counter`);
            socket.onmessage = (event) => {
                document.querySelector("#counter").textContent = event.data;
            };
        });
    </script>
</head>
<body>
    <span>Users online: </span>
    <span id="counter"></span>
</body>
</html>
"##;

/// How many counts a page may have waiting before it is dropped.
const QUEUE: usize = 16;

#[derive(Default)]
struct UserCounter {
    sockets: Mutex<HashMap<u64, mpsc::Sender<String>>>,
    next_socket: AtomicU64,
}

impl UserCounter {
    async fn serve(self: Arc<Self>, websocket: WebSocket) {
        let (mut outgoing, mut incoming) = websocket.split();
        let (queue, mut to_send) = mpsc::channel(QUEUE);

        // `on_connect`
        let socket = self.next_socket.fetch_add(1, Ordering::Relaxed);
        self.sockets().insert(socket, queue);
        self.send_count();

        let sending = async {
            while let Some(count) = to_send.recv().await {
                if outgoing.send(Message::text(count)).await.is_err() {
                    return;
                }
            }
        };
        // `on_receive` does nothing with what a page sends; the loop ends when it leaves.
        let receiving = async {
            while let Some(Ok(message)) = incoming.next().await {
                if message.is_close() {
                    return;
                }
            }
        };
        tokio::select! {
            () = sending => {}
            () = receiving => {}
        }

        // `on_disconnect`
        self.sockets().remove(&socket);
        self.send_count();
    }

    /// `_send_count`: the number of sockets, to each of them.
    fn send_count(&self) {
        let mut sockets = self.sockets();
        let count = sockets.len().to_string();
        sockets.retain(|_, queue| queue.try_send(count.clone()).is_ok());
    }

    fn sockets(&self) -> MutexGuard<'_, HashMap<u64, mpsc::Sender<String>>> {
        // Poisoned only by a panic while it was held; the map is still whole.
        self.sockets
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

async fn counter(State(users): State<Arc<UserCounter>>, request: Request) -> Response {
    websocket::accept(request, move |socket| users.serve(socket))
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let app = Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .route("/counter", get(counter))
        .with_state(Arc::new(UserCounter::default()));
    let listener = serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    serve::tell_chosen_port(port, listener.local_addr()?);
    web_app::run_app(listener, app, || async {}).await;
    Ok(())
}
