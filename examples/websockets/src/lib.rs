//! The article's document inspector: which widgets does a document have?
//!
//! [`DocumentInspector::get_widgets`] is the article's only public method, and it is
//! synchronous: it owns a tokio runtime and blocks on the async core, as the Python code blocks
//! on `run_until_complete`. Any failure is logged with its cause (tracing, at `warn`) and gives an
//! empty list. [`DocumentInspector::inspect`] is the async core itself, for callers who want the
//! [`InspectError`] and already run inside a runtime.
//!
//! Inside, one WebSocket connection carries the whole conversation (see [`conversation`]):
//! a sender task and a receiver task run concurrently and meet in a
//! [`SendReceiveSyncHelper`]; the whole conversation is bounded by a timeout, after which both
//! tasks are cancelled. `RUST_LOG=debug` shows every frame sent and received.
//!
//! The protocol types live in `doc_engine::protocol`: the engine defines the protocol, and the
//! inspector depends on it rather than keeping a copy.

pub mod conversation;
mod error;
pub mod sync_helper;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

pub use doc_engine::protocol::WidgetProperties;
use tokio::time::Instant;
use tracing::warn;

pub use crate::conversation::{MessageIds, inspect_over};
pub use crate::error::InspectError;
pub use crate::sync_helper::SendReceiveSyncHelper;

/// Inspects documents served at one WebSocket URL.
#[derive(Debug)]
pub struct DocumentInspector {
    url: String,
    ids: Arc<MessageIds>,
}

impl DocumentInspector {
    /// An inspector for the engine at `url`, e.g. `ws://127.0.0.1:8765`. Nothing connects yet.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ids: Arc::default(),
        }
    }

    /// The properties of `doc_id`'s widgets, in the order their replies arrived; an empty list
    /// for a document that is not graphical, and also (after logging why) on any failure.
    ///
    /// Blocks the calling thread. Do not call it from async code: a runtime cannot be started
    /// inside another one (tokio panics), so use [`DocumentInspector::inspect`] there.
    pub fn get_widgets(&self, doc_id: &str, timeout: Duration) -> Vec<WidgetProperties> {
        widgets_or_empty(doc_id, run_until_complete(self.inspect(doc_id, timeout)))
    }

    /// The async core of [`DocumentInspector::get_widgets`]: connects, inspects, closes, all
    /// within `timeout`, and says what went wrong instead of logging it.
    pub async fn inspect(
        &self,
        doc_id: &str,
        timeout: Duration,
    ) -> Result<Vec<WidgetProperties>, InspectError> {
        // Python's `wait_for` starts after the connection is open; here the handshake counts
        // too, so that a server that accepts TCP but never answers cannot hang the caller.
        let deadline = Instant::now() + timeout;
        let (ws, _response) = tokio::time::timeout_at(
            deadline,
            tokio_tungstenite::connect_async(self.url.as_str()),
        )
        .await
        .map_err(|_| InspectError::Timeout(timeout))??;
        let left = deadline.saturating_duration_since(Instant::now());
        inspect_over(ws, doc_id, left, Arc::clone(&self.ids))
            .await
            .map_err(|error| match error {
                // Report the caller's limit, not what the handshake left of it.
                InspectError::Timeout(_) => InspectError::Timeout(timeout),
                other => other,
            })
    }
}

/// The article's "log and return": the one place where a failure is logged, with its cause, and
/// turned into an empty list so that the caller's other work goes on.
pub fn widgets_or_empty(
    doc_id: &str,
    result: Result<Vec<WidgetProperties>, InspectError>,
) -> Vec<WidgetProperties> {
    result.unwrap_or_else(|error| {
        warn!(doc_id, %error, "error on get_widgets");
        Vec::new()
    })
}

/// The sync-async bridge, `asyncio.new_event_loop().run_until_complete(future)`: builds a
/// one-thread runtime, blocks on `future`, and returns its output.
///
/// Dropping the runtime at the end drops every task still on it, success or failure: that is
/// the article's "cancel all tasks", done by ownership rather than by a loop over
/// `all_tasks()`. Unlike Python, a dropped task gets no `CancelledError`; only its `Drop` runs.
/// The example `ws_sync_bridge` shows the same bridge on its own.
pub fn run_until_complete<T, F>(future: F) -> Result<T, InspectError>
where
    F: Future<Output = Result<T, InspectError>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(InspectError::Runtime)?;
    runtime.block_on(future)
}
