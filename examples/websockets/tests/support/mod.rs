//! What the inspector's tests share: fake servers, a real engine on a free port, a log catcher.
#![allow(dead_code)] // each test file uses its own subset

use std::io::Write;
use std::sync::{Arc, Mutex};

use doc_engine::protocol::Request;
use doc_engine::{Settings, serve, serve_stream};
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::DuplexStream;
use tokio::net::TcpListener;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;

/// What a scripted server does with each request it reads.
pub enum Script {
    /// Send these frames (possibly none).
    Send(Vec<Message>),
    /// Drop the connection without a close frame, as a crashed server does.
    HangUp,
}

/// An in-memory WebSocket: the client end for the inspector, and a server on the other end that
/// first sends `greeting`, then answers every request with `script(request)`.
pub async fn scripted_server(
    greeting: Vec<Message>,
    mut script: impl FnMut(Request) -> Script + Send + 'static,
) -> WebSocketStream<DuplexStream> {
    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let Ok(mut ws) = tokio_tungstenite::accept_async(server_io).await else {
            return;
        };
        for frame in greeting {
            let _ = ws.send(frame).await;
        }
        while let Some(Ok(message)) = ws.next().await {
            let Message::Text(text) = message else {
                continue; // a close frame is answered by tungstenite; the loop then ends
            };
            let request: Request =
                serde_json::from_str(&text).expect("the inspector sends requests");
            match script(request) {
                Script::Send(frames) => {
                    for frame in frames {
                        let _ = ws.send(frame).await;
                    }
                }
                Script::HangUp => return,
            }
        }
    });
    let (client, _) = tokio_tungstenite::client_async("ws://fake/", client_io)
        .await
        .expect("in-memory handshake");
    client
}

/// The engine's own answer, as a text frame.
pub fn engine_answer(request: &Request) -> Message {
    text(doc_engine::documents::answer(request))
}

pub fn text(value: Value) -> Message {
    Message::text(value.to_string())
}

/// A real engine on `127.0.0.1:0`, served by the runtime of the caller.
pub async fn engine_here(settings: Settings) -> (String, EngineTask) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("ws://{}", listener.local_addr().expect("address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, settings, async move {
        let _ = stopped.await;
    }));
    (url, EngineTask { stop, task })
}

pub struct EngineTask {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl EngineTask {
    /// Shuts the engine down and waits until it has closed every connection.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.expect("the engine does not panic");
    }
}

/// The engine's connection handler on one end of an in-memory pipe, the inspector's WebSocket
/// on the other: no sockets, so the paused clock is exact. Cancel the token to shut it down.
pub async fn engine_over_duplex(
    settings: Settings,
) -> (WebSocketStream<DuplexStream>, CancellationToken) {
    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    let stop = CancellationToken::new();
    let session = "session-test".to_owned();
    tokio::spawn(serve_stream(
        server_io,
        session,
        Arc::new(settings),
        stop.clone(),
    ));
    let (client, _) = tokio_tungstenite::client_async("ws://engine/", client_io)
        .await
        .expect("in-memory handshake");
    (client, stop)
}

/// Collects what tracing logs while `f` runs on this thread, as plain text.
pub fn capture_logs<T>(f: impl FnOnce() -> T) -> (T, String) {
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let output = tracing::subscriber::with_default(subscriber, f);
    let logs = String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned();
    (output, logs)
}

/// How many tasks are alive on the current runtime.
pub fn alive_tasks() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

/// Widget ids, sorted: the replies come back in any order.
pub fn sorted_ids(widgets: &[doc_engine::protocol::WidgetProperties]) -> Vec<String> {
    let mut ids: Vec<String> = widgets.iter().map(|w| w.id.clone()).collect();
    ids.sort();
    ids
}
