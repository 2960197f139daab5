//! The article's unit tests, in Rust: the receiver, the sender, the sync entry point, the
//! cancellation of every task on failure, and the timeout. The WebSocket is faked: a scripted
//! stream of incoming frames, a recording sink, or an in-memory duplex with a scripted server.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use doc_engine::protocol::{GET_DOCUMENT, GET_WIDGET_CONTAINER, GET_WIDGET_PROPERTIES, Request};
use futures::{SinkExt, StreamExt, stream};
use serde_json::json;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::{self, Message};
use websockets::conversation::{receive_get_widgets_messages, send_get_widgets_messages};
use websockets::sync_helper::Reply;
use websockets::{
    InspectError, MessageIds, SendReceiveSyncHelper, WidgetProperties, inspect_over,
    run_until_complete, widgets_or_empty,
};

use support::{Script, alive_tasks, scripted_server, text};

fn scripted(
    frames: Vec<Message>,
) -> impl futures::Stream<Item = Result<Message, tungstenite::Error>> + Unpin {
    stream::iter(frames.into_iter().map(Ok))
}

fn widget(id: &str) -> WidgetProperties {
    WidgetProperties {
        id: id.into(),
        kind: "table".into(),
        title: "Orders".into(),
    }
}

#[tokio::test]
async fn receiver_skips_a_message_without_id_and_does_not_signal() {
    let helper = Arc::new(SendReceiveSyncHelper::new());
    let hello = text(json!({"method": "OnConnected", "params": {"session": "s"}}));

    let widgets = receive_get_widgets_messages(scripted(vec![hello]), Arc::clone(&helper))
        .await
        .unwrap();

    assert!(widgets.is_empty());
    assert!(!helper.is_there_reply_notification());
    assert!(helper.take_unhandled_replies().is_empty());
}

#[tokio::test]
async fn receiver_returns_only_widget_properties() {
    let helper = Arc::new(SendReceiveSyncHelper::new());
    helper.add_pending_reply_id(1, GET_DOCUMENT);
    helper.add_pending_reply_id(2, GET_WIDGET_CONTAINER);
    helper.add_pending_reply_id(3, GET_WIDGET_PROPERTIES);
    let document = json!({"id": "sales", "type": "biDashboard", "widgetContainerIds": ["c1"]});
    let frames = vec![
        text(json!({"id": 2, "result": {"id": "c1", "widgetId": "w1"}})),
        text(json!({"id": 3, "result": {"id": "w1", "type": "table", "title": "Orders"}})),
        text(json!({"id": 1, "result": document})),
    ];

    let widgets = receive_get_widgets_messages(scripted(frames), Arc::clone(&helper))
        .await
        .unwrap();

    assert_eq!(widgets, [widget("w1")]);
    // The other two replies went to the sender, in arrival order, and raised the signal.
    let unhandled: Vec<(u64, &str)> = helper
        .take_unhandled_replies()
        .iter()
        .map(|r| (r.id, r.method))
        .collect();
    assert_eq!(unhandled, [(2, GET_WIDGET_CONTAINER), (1, GET_DOCUMENT)]);
    assert!(helper.is_there_reply_notification());
    assert!(helper.all_replies_processed());
}

#[tokio::test]
async fn receiver_skips_unknown_and_duplicate_ids() {
    let helper = Arc::new(SendReceiveSyncHelper::new());
    helper.add_pending_reply_id(1, GET_WIDGET_PROPERTIES);
    let reply = json!({"id": 1, "result": {"id": "w1", "type": "table", "title": "Orders"}});
    let frames = vec![
        text(json!({"id": 99, "result": {}})),
        text(reply.clone()),
        text(reply),
    ];

    let widgets = receive_get_widgets_messages(scripted(frames), helper)
        .await
        .unwrap();

    assert_eq!(widgets, [widget("w1")]);
}

#[tokio::test]
async fn receiver_fails_on_an_error_reply_a_malformed_frame_or_an_early_end() {
    let expect_error = |frames: Vec<Message>| async move {
        let helper = Arc::new(SendReceiveSyncHelper::new());
        helper.add_pending_reply_id(1, GET_DOCUMENT);
        receive_get_widgets_messages(scripted(frames), helper)
            .await
            .unwrap_err()
    };
    let error_reply = text(json!({"id": 1, "error": {"code": -32602, "message": "no such"}}));
    assert!(matches!(
        expect_error(vec![error_reply]).await,
        InspectError::Server {
            method: GET_DOCUMENT,
            code: -32602,
            ..
        }
    ));
    let not_json = Message::text("{oops");
    assert!(matches!(
        expect_error(vec![not_json]).await,
        InspectError::Malformed { .. }
    ));
    let binary = Message::binary(b"{}".to_vec());
    assert!(matches!(
        expect_error(vec![binary]).await,
        InspectError::Malformed { .. }
    ));
    assert!(matches!(
        expect_error(vec![]).await,
        InspectError::ClosedEarly { pending: 1 }
    ));
}

/// A sink that records what the sender sends, and whether it closed.
fn recorder() -> (
    impl futures::Sink<Message, Error = tungstenite::Error> + Unpin,
    futures::channel::mpsc::UnboundedReceiver<Message>,
) {
    let (sink, recorded) = futures::channel::mpsc::unbounded();
    (
        sink.sink_map_err(|_| tungstenite::Error::ConnectionClosed),
        recorded,
    )
}

#[tokio::test]
async fn sender_asks_for_every_container_of_a_graphical_document() {
    let helper = Arc::new(SendReceiveSyncHelper::new());
    let document =
        json!({"id": "sales", "type": "biDashboard", "widgetContainerIds": ["c1", "c2"]});
    helper.add_unhandled_reply(Reply {
        id: 1,
        method: GET_DOCUMENT,
        result: document,
    });
    helper.notify_new_reply();
    let (sink, recorded) = recorder();
    let ids = Arc::new(MessageIds::default());
    ids.next(); // id 1 went to GetDocument

    let sender = tokio::spawn(send_get_widgets_messages(sink, Arc::clone(&helper), ids));
    let sent: Vec<Request> = recorded
        .take(2)
        .map(|m| serde_json::from_str(m.to_text().unwrap()).unwrap())
        .collect()
        .await;
    sender.abort(); // it now waits for replies that will never come

    assert_eq!(
        sent,
        [
            Request::new(2, GET_WIDGET_CONTAINER, "c1"),
            Request::new(3, GET_WIDGET_CONTAINER, "c2"),
        ]
    );
    assert_eq!(helper.pending_method(2), Some(GET_WIDGET_CONTAINER));
    assert_eq!(helper.pending_method(3), Some(GET_WIDGET_CONTAINER));
}

#[tokio::test]
async fn sender_closes_without_follow_ups_for_other_documents() {
    let helper = Arc::new(SendReceiveSyncHelper::new());
    let document = json!({"id": "raw", "type": "dataset", "widgetContainerIds": ["c9"]});
    helper.add_unhandled_reply(Reply {
        id: 1,
        method: GET_DOCUMENT,
        result: document,
    });
    helper.notify_new_reply();
    let (sink, recorded) = recorder();

    send_get_widgets_messages(sink, helper, Arc::default())
        .await
        .unwrap();

    // Closing the sink ended the recording, and nothing was sent before that.
    assert_eq!(recorded.collect::<Vec<_>>().await, []);
}

#[test]
fn sync_entry_point_returns_the_widgets_on_success() {
    let widgets = widgets_or_empty("abc", run_until_complete(async { Ok(vec![widget("w1")]) }));
    assert_eq!(widgets, [widget("w1")]);
}

#[test]
fn sync_entry_point_returns_an_empty_list_on_failure() {
    let failing = async { Err(InspectError::Timeout(Duration::from_secs(1))) };
    let (widgets, logs) =
        support::capture_logs(|| widgets_or_empty("abc", run_until_complete(failing)));
    assert!(widgets.is_empty());
    assert!(logs.contains("error on get_widgets"), "{logs}");
    assert!(logs.contains("no complete answer within 1s"), "{logs}");
}

#[test]
fn on_failure_every_task_is_cancelled() {
    struct SetOnDrop(Arc<AtomicBool>);
    impl Drop for SetOnDrop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let dropped = Arc::new(AtomicBool::new(false));
    let guard = SetOnDrop(Arc::clone(&dropped));

    let result: Result<(), InspectError> = run_until_complete(async move {
        tokio::spawn(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
        tokio::task::yield_now().await; // let the task start and park
        Err(InspectError::ClosedEarly { pending: 1 })
    });

    assert!(result.is_err());
    assert!(
        dropped.load(Ordering::SeqCst),
        "the task outlived the bridge"
    );
}

#[tokio::test(start_paused = true)]
async fn the_timeout_is_applied_and_ends_both_tasks() {
    // A server that reads every request and never answers.
    let ws = scripted_server(vec![], |_| Script::Send(vec![])).await;
    let before = alive_tasks();
    let started = Instant::now();

    let result = inspect_over(ws, "sales", Duration::from_secs(5), Arc::default()).await;

    assert!(matches!(result, Err(InspectError::Timeout(limit)) if limit == Duration::from_secs(5)));
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    assert!(
        alive_tasks() <= before,
        "a conversation task is still alive"
    );
}

#[tokio::test]
async fn an_error_reply_cancels_the_sender_too() {
    let ws = scripted_server(vec![], |request| {
        Script::Send(vec![text(
            json!({"id": request.id, "error": {"code": 1, "message": "boom"}}),
        )])
    })
    .await;
    let before = alive_tasks();

    let result = inspect_over(ws, "sales", Duration::from_secs(5), Arc::default()).await;

    assert!(matches!(result, Err(InspectError::Server { code: 1, .. })));
    assert!(
        alive_tasks() <= before,
        "a conversation task is still alive"
    );
}
