//! The document engine: a WebSocket server that answers the inspector's questions.
//!
//! The article's program talks to a product's real engine, which readers do not have. This one
//! speaks the same protocol ([`protocol`]) over the same sample data ([`documents`]) so that the
//! inspector, the examples and the tests all have something real to talk to, offline.
//!
//! - [`serve`] takes a listener that is already bound (tests bind `127.0.0.1:0`) and a future
//!   that says when to stop; it returns once every connection has closed.
//! - Each connection first gets an `OnConnected` notification. Then every request is answered
//!   on its own task after a random delay ([`Settings::delay`]), so replies overlap and come
//!   back out of order, which is the situation the inspector's sync helper exists for.
//! - A bad frame (not JSON, not a request, binary) gets an error reply, which quotes at most 200
//!   characters of it; a message over [`Settings::max_message`] closes the connection with 1009
//!   (message too big); a client that vanishes ends its own connection only. On shutdown every
//!   client gets a close frame (1001, going away) and the engine waits a moment for each to
//!   answer it.
//! - A bad client costs a bounded amount: a connection that does not finish its handshake in
//!   [`Settings::handshake_timeout`] is closed, one that sends requests without reading the
//!   replies is not read from past [`Settings::max_in_flight`] requests, a plain HTTP request
//!   gets `426 Upgrade Required`, and a failed `accept` (no file descriptor left) is retried
//!   with a growing pause.
//!
//! Checked before writing it: tokio-tungstenite does the WebSocket part; there is no crate for
//! "JSON request, delayed JSON reply" servers worth a dependency (jsonrpsee is a whole
//! framework with its own id and error conventions).

pub mod documents;
pub mod protocol;

use std::future::Future;
use std::ops::RangeInclusive;
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_util::sync::CancellationToken;
use tracing::{Instrument, debug, info, info_span};

use crate::protocol::{
    INVALID_REQUEST, ON_CONNECTED, PARSE_ERROR, Request, error_reply, notification,
};

/// How long the engine waits for a client to answer its close frame at shutdown.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// How the engine behaves. `Settings::default()` is what `cargo run --example doc_engine` uses.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Each reply is sent after a delay drawn uniformly from this range. A range of one value
    /// (see [`Settings::fixed_delay`]) makes the engine deterministic for tests.
    pub delay: RangeInclusive<Duration>,
    /// A client must finish the WebSocket handshake within this time, or its connection is
    /// closed: a socket that never speaks must not hold a file descriptor forever.
    pub handshake_timeout: Duration,
    /// How many requests of one connection may wait for their replies at once. A client that
    /// sends more without reading the replies is not read from until some are sent: TCP slows
    /// it down, instead of the engine buffering without bound.
    pub max_in_flight: usize,
    /// The largest message the engine reads. A larger one closes the connection with 1009
    /// ("message too big"). Requests are a few dozen bytes.
    pub max_message: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            delay: Duration::from_millis(10)..=Duration::from_millis(100),
            handshake_timeout: Duration::from_secs(10),
            max_in_flight: 64,
            max_message: 64 << 10,
        }
    }
}

/// How much of a client's bad input an error reply repeats.
const ECHO_LIMIT: usize = 200;

impl Settings {
    /// Every reply after exactly `delay`.
    pub fn fixed_delay(delay: Duration) -> Self {
        Self {
            delay: delay..=delay,
            ..Self::default()
        }
    }

    fn pick_delay(&self) -> Duration {
        if self.delay.start() >= self.delay.end() {
            *self.delay.start()
        } else {
            rand::random_range(self.delay.clone())
        }
    }
}

/// Serves WebSocket clients on `listener` until `shutdown` completes, then closes every
/// connection and returns when all of them have ended.
pub async fn serve(listener: TcpListener, settings: Settings, shutdown: impl Future<Output = ()>) {
    let settings = Arc::new(settings);
    let stop = CancellationToken::new();
    let mut sessions = 0u64;
    let mut connections = serve::accept_until(&listener, shutdown, |tcp, peer| {
        sessions += 1;
        let session = format!("session-{sessions}");
        let span = info_span!("connection", %peer, %session);
        serve_stream(tcp, session, Arc::clone(&settings), stop.clone()).instrument(span)
    })
    .await;
    info!("shutting down: closing {} connection(s)", connections.len());
    stop.cancel();
    while connections.join_next().await.is_some() {}
}

/// The engine as the stand-in of the WebSocket article's examples: `StandInArgs<DocEngine>`
/// gives them `--url` and `--latency`. Each reply comes after a delay drawn between a tenth of
/// the latency and all of it (10 to 100 ms unless told otherwise), so replies overtake one
/// another, as the article's engine's do.
#[derive(Debug)]
pub struct DocEngine;

impl serve::StandIn for DocEngine {
    const SCHEME: &'static str = "ws";
    const LATENCY: &'static str = "0.1";
    const NAME: &'static str = "doc-engine";

    async fn serve(
        listener: TcpListener,
        latency: Duration,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) {
        let settings = Settings {
            delay: latency / 10..=latency,
            ..Settings::default()
        };
        serve(listener, settings, shutdown).await;
    }
}

/// Serves one client over any byte stream (a TCP socket, or `tokio::io::duplex` in tests):
/// the WebSocket handshake, the `OnConnected` notification, then requests until the client
/// closes, vanishes, or `stop` is cancelled.
pub async fn serve_stream<S>(
    io: S,
    session: String,
    settings: Arc<Settings>,
    stop: CancellationToken,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut io = io;
    let config = WebSocketConfig::default()
        .max_message_size(Some(settings.max_message))
        .max_frame_size(Some(settings.max_message));
    // The handshake borrows the stream, so that a request that is no upgrade can still be
    // answered on it.
    let handshake = tokio::time::timeout(
        settings.handshake_timeout,
        tokio_tungstenite::accept_async_with_config(&mut io, Some(config)),
    );
    let handshake = tokio::select! {
        () = stop.cancelled() => return,
        handshake = handshake => handshake,
    };
    let ws = match handshake {
        Ok(Ok(ws)) => ws,
        Ok(Err(WsError::Protocol(error))) => {
            // An HTTP request, but no WebSocket upgrade: `curl http://...`, say.
            debug!(%error, "not a WebSocket upgrade");
            let body = "This is a WebSocket server: connect with a WebSocket client (ws://).\n";
            let answer = format!(
                "HTTP/1.1 426 Upgrade Required\r\nUpgrade: websocket\r\nConnection: close\r\n\
                 Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = io.write_all(answer.as_bytes()).await;
            let _ = io.shutdown().await;
            return;
        }
        Ok(Err(error)) => {
            debug!(%error, "WebSocket handshake failed");
            return;
        }
        Err(_) => {
            debug!(timeout = ?settings.handshake_timeout, "no WebSocket handshake in time");
            return;
        }
    };
    debug!("client connected");
    let (mut sink, mut incoming) = ws.split();
    // Replies are written by one writer fed through a channel, so that the request tasks never
    // share the socket's write half.
    let (outbox, mut to_send) = mpsc::channel::<Message>(32);

    let writer = async move {
        while let Some(message) = to_send.recv().await {
            if let Err(error) = sink.send(message).await {
                debug!(%error, "cannot write to the client any more");
                break;
            }
        }
    };

    // How long a client gets to answer our close frame at shutdown. It bounds the whole
    // connection, not just the reading: a client that stopped reading leaves the writer stuck
    // on a full socket, and then the reader stuck on the full outbox, the close frame included.
    let grace_over = {
        let stop = stop.clone();
        async move {
            stop.cancelled().await;
            tokio::time::sleep(CLOSE_GRACE).await;
        }
    };

    let reader = async move {
        let mut requests = JoinSet::new();
        // One permit per request waiting for its reply (see `Settings::max_in_flight`).
        let in_flight = Arc::new(Semaphore::new(settings.max_in_flight));
        let hello = notification(ON_CONNECTED, json!({ "session": session }));
        let _ = outbox.send(Message::text(hello.to_string())).await;
        let mut closing = false;
        loop {
            let next = tokio::select! {
                () = stop.cancelled(), if !closing => {
                    closing = true;
                    requests.abort_all();
                    let bye = CloseFrame { code: CloseCode::Away, reason: "engine shutting down".into() };
                    let _ = outbox.send(Message::Close(Some(bye))).await;
                    continue;
                }
                next = incoming.next() => next,
            };
            let reply = match next {
                None => break,
                Some(Err(WsError::Capacity(error))) => {
                    debug!(%error, "message too big");
                    let too_big = CloseFrame {
                        code: CloseCode::Size,
                        reason: format!("messages are limited to {} bytes", settings.max_message)
                            .into(),
                    };
                    let _ = outbox.send(Message::Close(Some(too_big))).await;
                    break;
                }
                Some(Err(error)) => {
                    debug!(%error, "connection lost");
                    break;
                }
                Some(Ok(_)) if closing => continue,
                Some(Ok(Message::Text(text))) => match parse_request(&text) {
                    Ok(request) => {
                        // No permit: stop reading until a reply goes out.
                        let Ok(permit) = Arc::clone(&in_flight).acquire_owned().await else {
                            break; // never closed
                        };
                        let delay = settings.pick_delay();
                        let outbox = outbox.clone();
                        requests.spawn(async move {
                            answer_later(request, delay, outbox).await;
                            drop(permit);
                        });
                        None
                    }
                    Err(reply) => Some(reply),
                },
                Some(Ok(Message::Binary(_))) => Some(error_reply(
                    None,
                    PARSE_ERROR,
                    "binary frames are not supported: send JSON text",
                )),
                // Pings are answered by tungstenite itself; a close frame from the client is
                // answered too, and the stream then ends with `None`.
                Some(Ok(_)) => None,
            };
            if let Some(reply) = reply {
                debug!(%reply, "bad frame");
                let _ = outbox.send(Message::text(reply.to_string())).await;
            }
            // Forget finished request tasks, so that a long session does not keep them all.
            while requests.try_join_next().is_some() {}
        }
        // Dropping `requests` aborts replies still waiting; dropping `outbox` ends the writer.
    };

    tokio::select! {
        _ = async { tokio::join!(reader, writer) } => {}
        () = grace_over => debug!("no answer to the close frame in time: connection dropped"),
    }
    debug!("client disconnected");
}

/// Reads a request, or gives the error reply a client gets for sending something else.
fn parse_request(text: &str) -> Result<Request, Value> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| error_reply(None, PARSE_ERROR, &capped(format!("not JSON: {e}"))))?;
    // Answer with the client's id whenever it can be read, so that it knows which request failed.
    let id = value.get("id").and_then(Value::as_u64);
    serde_json::from_value(value)
        .map_err(|e| error_reply(id, INVALID_REQUEST, &capped(format!("not a request: {e}"))))
}

/// `message`, cut to [`ECHO_LIMIT`] characters: serde's errors quote the offending value,
/// which a client can make as long as a message may be.
fn capped(message: String) -> String {
    match message.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}...", &message[..cut]),
        None => message,
    }
}

async fn answer_later(request: Request, delay: Duration, outbox: mpsc::Sender<Message>) {
    tokio::time::sleep(delay).await;
    let reply = documents::answer(&request);
    debug!(id = request.id, method = %request.method, "replying");
    // An error means the connection is gone; there is nobody left to tell.
    let _ = outbox.send(Message::text(reply.to_string())).await;
}
