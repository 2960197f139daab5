//! A WebSocket handshake answered from an axum handler, for Listing 9.9's counter.
//!
//! axum's `ws` feature does this, on tokio-tungstenite 0.29, while the workspace's WebSocket
//! programs use 0.30: two versions of the same crates for one route. The handshake is small
//! enough to answer here with the workspace's version: check the upgrade request, answer
//! `101 Switching Protocols` with the key's digest, and once hyper hands over the connection,
//! speak WebSocket on it.

use std::future::Future;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

/// The WebSocket a handler gets once the handshake is done.
pub type WebSocket = WebSocketStream<TokioIo<Upgraded>>;

/// Answers `request`'s WebSocket handshake and runs `on_connect` with the socket, on a task of
/// its own, once the connection is switched. A request that is no WebSocket handshake gets
/// `426 Upgrade Required`.
pub fn accept<F, Fut>(request: Request, on_connect: F) -> Response
where
    F: FnOnce(WebSocket) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(key) = handshake_key(request.headers()) else {
        return (
            StatusCode::UPGRADE_REQUIRED,
            [(header::UPGRADE, "websocket")],
            "This is a WebSocket endpoint: connect with a WebSocket client (ws://).\n",
        )
            .into_response();
    };
    let accept_key = derive_accept_key(key.as_bytes());
    let upgrade = hyper::upgrade::on(request);
    tokio::spawn(async move {
        match upgrade.await {
            Ok(upgraded) => {
                let socket =
                    WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None)
                        .await;
                on_connect(socket).await;
            }
            Err(error) => tracing::debug!(%error, "the WebSocket upgrade failed"),
        }
    });
    Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header(header::CONNECTION, "upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_ACCEPT, accept_key)
        .body(Body::empty())
        .expect("a status and three headers make a response")
}

/// The `Sec-WebSocket-Key` of a GET that asks to upgrade to WebSocket, version 13.
fn handshake_key(headers: &HeaderMap) -> Option<String> {
    let has = |name, wanted: &str| {
        headers.get_all(name).iter().any(|value| {
            value.to_str().is_ok_and(|value| {
                value
                    .split(',')
                    .any(|part| part.trim().eq_ignore_ascii_case(wanted))
            })
        })
    };
    let upgrade = has(header::UPGRADE, "websocket") && has(header::CONNECTION, "upgrade");
    let version = headers.get(header::SEC_WEBSOCKET_VERSION)?.to_str().ok()? == "13";
    let key = headers.get(header::SEC_WEBSOCKET_KEY)?.to_str().ok()?;
    (upgrade && version).then(|| key.to_owned())
}
