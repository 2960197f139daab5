//! One inspection, start to finish, over any WebSocket-like transport.
//!
//! The three steps of the article: ask for the document; for each of its widget containers, ask
//! for the container; for each container's widget, ask for its properties. Each step needs data
//! from the previous replies, so a sender task and a receiver task run side by side and
//! synchronise through the [`SendReceiveSyncHelper`].
//!
//! The seam for tests is the transport type: anything that is a `Stream` of incoming messages
//! and a `Sink` of outgoing ones. A real connection is a `WebSocketStream` over TCP; tests use a
//! `WebSocketStream` over `tokio::io::duplex`, a scripted `Stream`, or a recording `Sink`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use doc_engine::protocol::{
    Document, GET_DOCUMENT, GET_WIDGET_CONTAINER, GET_WIDGET_PROPERTIES, Request, ServerFrame,
    WidgetContainer, WidgetProperties,
};
use futures::future::try_join_all;
use futures::{Sink, SinkExt, Stream, StreamExt, TryFutureExt};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::{self, Message};
use tracing::{debug, info, warn};

use crate::error::InspectError;
use crate::sync_helper::{Reply, SendReceiveSyncHelper};

/// Only documents of these types have widgets worth inspecting.
pub const GUI_DOC_TYPES: [&str; 2] = ["biDashboard", "slide"];

/// Hands out message ids: 1, 2, 3... Python guards an `int` with a `threading.Lock`; an atomic
/// counter is the lock-free equivalent, and it is shared by every call of one inspector, even
/// from several threads at once.
#[derive(Debug, Default)]
pub struct MessageIds(AtomicU64);

impl MessageIds {
    pub fn next(&self) -> u64 {
        self.0.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// Inspects `doc_id` over `transport`, within `limit`, and returns the properties of its widgets
/// in the order their replies arrived.
///
/// Whatever happens (success, error, timeout), both tasks have ended when this returns.
pub async fn inspect_over<T>(
    transport: T,
    doc_id: &str,
    limit: Duration,
    ids: Arc<MessageIds>,
) -> Result<Vec<WidgetProperties>, InspectError>
where
    T: Stream<Item = Result<Message, tungstenite::Error>>
        + Sink<Message, Error = tungstenite::Error>
        + Send
        + 'static,
{
    let (mut outgoing, incoming) = transport.split();
    let helper = Arc::new(SendReceiveSyncHelper::new());
    let mut tasks = JoinSet::new();
    // The article's `wait_for`: the limit covers the whole exchange. When it fires, the future
    // below is dropped, and with it whatever it was awaiting.
    let outcome = tokio::time::timeout(limit, async {
        send_request(&mut outgoing, &helper, &ids, GET_DOCUMENT, doc_id).await?;
        let sender = send_get_widgets_messages(outgoing, Arc::clone(&helper), ids);
        let receiver = receive_get_widgets_messages(incoming, Arc::clone(&helper));
        // Spawned, as `gather` wraps coroutines in tasks. The two outputs differ in type, so
        // both become `Option<Vec<_>>`: only the receiver's carries the widgets.
        tasks.spawn(sender.map_ok(|()| None));
        tasks.spawn(receiver.map_ok(Some));
        hold_websocket_communication(&mut tasks).await
    })
    .await;
    // The article's `__cancel_all_tasks`. A timeout drops the `JoinSet` borrow but not the tasks
    // (a spawned task outlives whoever awaited it), so they are aborted here, and awaited, so
    // that nothing of this conversation is still running when we return.
    tasks.shutdown().await;
    outcome.map_err(|_| InspectError::Timeout(limit))?
}

/// The article's `gather(sender, receiver)`, then `results[1]`: waits for both tasks and returns
/// the receiver's widgets. Unlike `gather`, the first error ends the wait at once (like
/// `try_join!`); the caller then cancels the other task.
async fn hold_websocket_communication(
    tasks: &mut JoinSet<Result<Option<Vec<WidgetProperties>>, InspectError>>,
) -> Result<Vec<WidgetProperties>, InspectError> {
    let mut widgets = Vec::new();
    while let Some(finished) = tasks.join_next().await {
        if let Some(received) = finished.map_err(InspectError::Task)?? {
            widgets = received;
        }
    }
    Ok(widgets)
}

/// The receiver: reads every frame until the stream ends, records each reply in the helper and
/// raises the signal, and keeps the widget properties for itself.
///
/// Frames without an id (notifications) and replies to ids that are not pending (unknown, or
/// already answered) are logged and skipped; they do not raise the signal. An error reply or an
/// unreadable frame ends the conversation with an error, as the exception does in Python.
pub async fn receive_get_widgets_messages<R>(
    mut incoming: R,
    helper: Arc<SendReceiveSyncHelper>,
) -> Result<Vec<WidgetProperties>, InspectError>
where
    R: Stream<Item = Result<Message, tungstenite::Error>> + Unpin,
{
    let mut widgets = Vec::new();
    while let Some(message) = incoming.next().await {
        let text = match message? {
            Message::Text(text) => text,
            Message::Binary(bytes) => {
                let frame = format!("<{} binary bytes>", bytes.len());
                return Err(InspectError::malformed(
                    &frame,
                    "the protocol uses text frames",
                ));
            }
            // Pings are answered and close frames acknowledged by tungstenite itself; after a
            // close the stream ends with `None`.
            _ => continue,
        };
        debug!(frame = %text, "received");
        let frame: ServerFrame =
            serde_json::from_str(&text).map_err(|e| InspectError::malformed(&text, e))?;
        let Some(id) = frame.id else {
            info!(frame = %text, "unhandled API message");
            continue;
        };
        let Some(method) = helper.pending_method(id) else {
            warn!(id, "reply to a request that is not pending: skipped");
            continue;
        };
        let result = match (frame.result, frame.error) {
            (_, Some(error)) => {
                return Err(InspectError::Server {
                    method,
                    code: error.code,
                    message: error.message,
                });
            }
            (Some(result), None) => result,
            (None, None) => return Err(InspectError::malformed(&text, "neither result nor error")),
        };
        if method == GET_WIDGET_PROPERTIES {
            widgets.push(parse_result(result)?);
        } else {
            helper.add_unhandled_reply(Reply { id, method, result });
        }
        // Queue first, forget the id second: at no moment does the reply look fully processed.
        helper.remove_pending_reply_id(id);
        helper.notify_new_reply();
    }
    // The stream ended: after our own close that is the end of the handshake; before it, the
    // server hung up on us.
    match helper.pending_count() {
        0 => Ok(widgets),
        pending => Err(InspectError::ClosedEarly { pending }),
    }
}

/// The sender: sleeps until replies arrive, sends the follow-up requests they call for, and
/// closes the WebSocket once nothing is pending or unhandled. The receiver then reads on until
/// the server's close frame ends the stream: that is the close handshake.
pub async fn send_get_widgets_messages<W>(
    outgoing: W,
    helper: Arc<SendReceiveSyncHelper>,
    ids: Arc<MessageIds>,
) -> Result<(), InspectError>
where
    W: Sink<Message, Error = tungstenite::Error> + Unpin,
{
    // Follow-ups for several containers are sent concurrently, and each needs the sink: an
    // async mutex lets them take turns. The frames still leave one after the other, as they do
    // on Python's single socket.
    let outgoing = Mutex::new(outgoing);
    while !helper.all_replies_processed() {
        helper.wait_for_replies().await;
        for reply in helper.take_unhandled_replies() {
            send_follow_up(&outgoing, &helper, &ids, reply).await?;
        }
    }
    debug!("all replies processed: closing");
    outgoing.into_inner().close().await?;
    Ok(())
}

async fn send_follow_up<W>(
    outgoing: &Mutex<W>,
    helper: &SendReceiveSyncHelper,
    ids: &MessageIds,
    reply: Reply,
) -> Result<(), InspectError>
where
    W: Sink<Message, Error = tungstenite::Error> + Unpin,
{
    match reply.method {
        GET_DOCUMENT => {
            let document: Document = parse_result(reply.result)?;
            if !GUI_DOC_TYPES.contains(&document.kind.as_str()) {
                debug!(kind = %document.kind, "not a graphical document: nothing to inspect");
                return Ok(());
            }
            // Snippet 2: a request for every container at once, `gather` -> `try_join_all`.
            try_join_all(
                document
                    .widget_container_ids
                    .iter()
                    .map(|container| async move {
                        let mut sink = outgoing.lock().await;
                        send_request(&mut *sink, helper, ids, GET_WIDGET_CONTAINER, container).await
                    }),
            )
            .await?;
        }
        GET_WIDGET_CONTAINER => {
            let container: WidgetContainer = parse_result(reply.result)?;
            let mut sink = outgoing.lock().await;
            let widget = &container.widget_id;
            send_request(&mut *sink, helper, ids, GET_WIDGET_PROPERTIES, widget).await?;
        }
        // The receiver keeps widget properties itself and queues nothing else.
        other => warn!(method = other, "no follow-up for this reply"),
    }
    Ok(())
}

/// Sends one request and returns its id. The id is recorded as pending before the frame
/// leaves, so that even an instant reply finds it.
async fn send_request<W>(
    outgoing: &mut W,
    helper: &SendReceiveSyncHelper,
    ids: &MessageIds,
    method: &'static str,
    object_id: &str,
) -> Result<u64, InspectError>
where
    W: Sink<Message, Error = tungstenite::Error> + Unpin,
{
    let id = ids.next();
    helper.add_pending_reply_id(id, method);
    let frame = serde_json::to_string(&Request::new(id, method, object_id))
        .expect("a request always serialises");
    debug!(%frame, "sending");
    outgoing.send(Message::text(frame)).await?;
    Ok(id)
}

fn parse_result<T: DeserializeOwned>(result: Value) -> Result<T, InspectError> {
    let text = result.to_string();
    serde_json::from_value(result).map_err(|e| InspectError::malformed(&text, e))
}
