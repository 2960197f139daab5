//! The inspector against the real engine on `127.0.0.1:0`, and against servers that misbehave.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use doc_engine::protocol::{GET_WIDGET_PROPERTIES, Request};
use doc_engine::{DocEngine, Settings};
use futures::{SinkExt, StreamExt};
use serde_json::json;
use serve::StandInArgs;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use websockets::{DocumentInspector, InspectError, inspect_over};

use support::{
    Script, alive_tasks, capture_logs, engine_answer, engine_here, engine_over_duplex,
    scripted_server, sorted_ids, text,
};

const TIMEOUT: Duration = Duration::from_secs(10);

#[test]
fn get_widgets_against_the_engine() {
    let engine = StandInArgs::<DocEngine>::default()
        .start_on_thread()
        .unwrap();
    let inspector = DocumentInspector::new(engine.url(""));

    assert_eq!(
        sorted_ids(&inspector.get_widgets("sales", TIMEOUT)),
        ["w1", "w2", "w3"]
    );
    let deck = inspector.get_widgets("deck", TIMEOUT);
    assert_eq!(sorted_ids(&deck), ["w4", "w5"]);
    assert!(deck.iter().any(|w| w.kind == "text" && w.title == "Intro"));
    assert_eq!(inspector.get_widgets("raw", TIMEOUT), []);

    let (missing, logs) = capture_logs(|| inspector.get_widgets("missing", TIMEOUT));
    assert_eq!(missing, []);
    assert!(logs.contains("error on get_widgets"), "{logs}");
    assert!(logs.contains(r#"no document with id "missing""#), "{logs}");
}

#[test]
fn get_widgets_logs_and_returns_empty_when_nothing_listens() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port(); // the listener is dropped: connections to this port are refused
    let inspector = DocumentInspector::new(format!("ws://127.0.0.1:{port}"));
    let (widgets, logs) = capture_logs(|| inspector.get_widgets("sales", TIMEOUT));
    assert_eq!(widgets, []);
    assert!(logs.contains("WebSocket error"), "{logs}");
}

#[test]
fn one_inspector_serves_several_threads_with_unique_ids() {
    let engine = StandInArgs::<DocEngine>::default()
        .start_on_thread()
        .unwrap();
    let inspector = DocumentInspector::new(engine.url(""));
    std::thread::scope(|scope| {
        let calls: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| inspector.get_widgets("sales", TIMEOUT)))
            .collect();
        for call in calls {
            assert_eq!(sorted_ids(&call.join().unwrap()), ["w1", "w2", "w3"]);
        }
    });
}

#[tokio::test(start_paused = true)]
async fn an_engine_that_never_replies_gives_a_timeout() {
    // The engine and the inspector share this paused runtime: an hour's delay costs nothing.
    // Real sockets under the paused clock: if the clock ever jumped ahead of the I/O, the only
    // effect would be the very timeout this test expects, at the same virtual instant.
    let (url, engine) = engine_here(Settings::fixed_delay(Duration::from_secs(3600))).await;
    let started = Instant::now();

    let result = DocumentInspector::new(url)
        .inspect("sales", Duration::from_secs(5))
        .await;

    assert!(
        matches!(result, Err(InspectError::Timeout(limit)) if limit == Duration::from_secs(5)),
        "{result:?}"
    );
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    engine.stop().await;
    assert_eq!(alive_tasks(), 0, "a task outlived the conversation");
}

#[tokio::test(start_paused = true)]
async fn an_engine_shutting_down_mid_conversation_is_an_error_not_a_hang() {
    let (ws, stop) = engine_over_duplex(Settings::fixed_delay(Duration::from_secs(60))).await;
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        stop.cancel();
    });
    let started = Instant::now();

    let result = inspect_over(ws, "sales", TIMEOUT, Arc::default()).await;

    assert_eq!(started.elapsed(), Duration::from_secs(1));

    assert!(
        matches!(result, Err(InspectError::ClosedEarly { pending: 1 })),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_server_that_hangs_up_mid_conversation() {
    // It answers GetDocument, then drops the connection without a close frame.
    let ws = scripted_server(vec![], |request| {
        if request.params.id == "sales" {
            Script::Send(vec![engine_answer(&request)])
        } else {
            Script::HangUp
        }
    })
    .await;

    let result = inspect_over(ws, "sales", TIMEOUT, Arc::default()).await;

    assert!(
        matches!(
            result,
            Err(InspectError::WebSocket(_) | InspectError::ClosedEarly { .. })
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn malformed_frames_end_the_conversation_with_an_error() {
    let bad_frames = [
        Message::text("{not json"),
        Message::binary(b"\x00\x01".to_vec()),
        text(json!({"id": 1})), // neither result nor error
        text(json!({"id": 1, "result": {"id": "sales"}})), // a document without its type
    ];
    for bad in bad_frames {
        let ws = scripted_server(vec![], move |_| Script::Send(vec![bad.clone()])).await;
        let result = inspect_over(ws, "sales", TIMEOUT, Arc::default()).await;
        assert!(
            matches!(result, Err(InspectError::Malformed { .. })),
            "{result:?}"
        );
    }
}

#[tokio::test]
async fn duplicate_and_unknown_reply_ids_are_skipped() {
    let hello = text(json!({"method": "OnConnected", "params": {"session": "s"}}));
    let ws = scripted_server(vec![hello], |request: Request| {
        let answer = engine_answer(&request);
        let mut frames = vec![text(json!({"id": 4242, "result": {}})), answer.clone()];
        if request.method == GET_WIDGET_PROPERTIES {
            frames.push(answer); // the same reply twice
        }
        Script::Send(frames)
    })
    .await;
    let before = alive_tasks();

    let widgets = inspect_over(ws, "sales", TIMEOUT, Arc::default())
        .await
        .unwrap();

    assert_eq!(sorted_ids(&widgets), ["w1", "w2", "w3"]);
    assert!(alive_tasks() <= before, "conversation tasks leaked");
}

#[tokio::test]
async fn widgets_come_back_in_the_order_their_replies_arrived() {
    // The server holds the three property replies and sends them last first, so arrival
    // order differs from request order.
    let requested = Arc::new(Mutex::new(Vec::new()));
    let mut held = Vec::new();
    let ws = scripted_server(vec![], {
        let requested = Arc::clone(&requested);
        move |request: Request| {
            if request.method != GET_WIDGET_PROPERTIES {
                return Script::Send(vec![engine_answer(&request)]);
            }
            requested.lock().unwrap().push(request.params.id.clone());
            held.push(engine_answer(&request));
            if held.len() < 3 {
                return Script::Send(vec![]);
            }
            Script::Send(held.drain(..).rev().collect())
        }
    })
    .await;

    let widgets = inspect_over(ws, "sales", TIMEOUT, Arc::default())
        .await
        .unwrap();

    let mut expected = requested.lock().unwrap().clone();
    expected.reverse();
    let got: Vec<String> = widgets.into_iter().map(|w| w.id).collect();
    assert_eq!(got, expected);
}

#[tokio::test(start_paused = true)]
async fn random_delays_still_give_every_widget_within_three_round_trips() {
    // Three round trips of at most 100 ms each. The engine's delays are random, so the order
    // is too; the test checks that every reply is accounted for, whatever the order.
    let (ws, _stop) = engine_over_duplex(Settings::default()).await;
    let started = Instant::now();
    let widgets = inspect_over(ws, "sales", TIMEOUT, Arc::default())
        .await
        .unwrap();
    assert_eq!(sorted_ids(&widgets), ["w1", "w2", "w3"]);
    assert!(started.elapsed() <= Duration::from_millis(300));
}

#[tokio::test(start_paused = true)]
async fn the_inspector_ends_with_a_full_close_handshake() {
    // A server that answers like the engine and keeps every frame it reads. The stream must
    // end with the client's close frame, and cleanly (`None`), not with a broken connection.
    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(async move {
        let mut ws = tokio_tungstenite::accept_async(server_io)
            .await
            .expect("in-memory handshake");
        let mut seen = Vec::new();
        while let Some(message) = ws.next().await {
            let message = message.expect("the client does not break the connection");
            if let Message::Text(text) = &message {
                let request: Request = serde_json::from_str(text).expect("a request");
                ws.send(engine_answer(&request)).await.expect("reply");
            }
            seen.push(message);
        }
        seen
    });
    let (client, _) = tokio_tungstenite::client_async("ws://fake/", client_io)
        .await
        .expect("in-memory handshake");

    let widgets = inspect_over(client, "deck", TIMEOUT, Arc::default())
        .await
        .unwrap();

    assert_eq!(sorted_ids(&widgets), ["w4", "w5"]);
    let seen = server.await.unwrap();
    assert!(matches!(seen.last(), Some(Message::Close(_))), "{seen:?}");
}
