//! The engine as its clients see it: over real sockets on `127.0.0.1:0`, or an in-memory pipe
//! where the paused clock must be exact.

use std::sync::Arc;
use std::time::Duration;

use doc_engine::protocol::{
    INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR, Request,
};
use doc_engine::{Settings, serve, serve_stream};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tokio_util::sync::CancellationToken;

type Client = WebSocketStream<MaybeTlsStream<TcpStream>>;

async fn engine(
    settings: Settings,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(serve(listener, settings, async move {
        let _ = stopped.await;
    }));
    (url, stop, served)
}

async fn connect(url: &str) -> Client {
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

async fn next_json<S>(ws: &mut S) -> Value
where
    S: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let message = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .expect("a frame within 5 s")
        .expect("the connection is open")
        .expect("a valid frame");
    serde_json::from_str(message.to_text().unwrap()).unwrap()
}

async fn ask(ws: &mut Client, request: Request) -> Value {
    ws.send(Message::text(serde_json::to_string(&request).unwrap()))
        .await
        .unwrap();
    next_json(ws).await
}

#[tokio::test]
async fn greets_then_answers() {
    let (url, _stop, _served) = engine(Settings::fixed_delay(Duration::ZERO)).await;
    let mut ws = connect(&url).await;

    let hello = next_json(&mut ws).await;
    assert_eq!(hello["method"], "OnConnected");
    assert!(hello.get("id").is_none());
    assert!(hello["params"]["session"].is_string());

    let reply = ask(&mut ws, Request::new(1, "GetDocument", "deck")).await;
    assert_eq!(
        reply,
        json!({"id": 1, "result": {"id": "deck", "type": "slide", "widgetContainerIds": ["c4", "c5"]}})
    );
}

#[tokio::test]
async fn bad_frames_get_error_replies_and_the_connection_goes_on() {
    let (url, _stop, _served) = engine(Settings::fixed_delay(Duration::ZERO)).await;
    let mut ws = connect(&url).await;
    next_json(&mut ws).await; // OnConnected

    let cases = [
        (Message::text("{not json"), Value::Null, PARSE_ERROR),
        (
            Message::text(r#"{"id": 5, "method": "GetDocument"}"#),
            json!(5),
            INVALID_REQUEST,
        ),
        (
            Message::text(r#"{"method": "GetDocument", "params": {"id": "x"}}"#),
            Value::Null,
            INVALID_REQUEST,
        ),
        (Message::binary(b"{}".to_vec()), Value::Null, PARSE_ERROR),
        (
            Message::text(r#"{"id": 6, "method": "Drop", "params": {"id": "sales"}}"#),
            json!(6),
            METHOD_NOT_FOUND,
        ),
        (
            Message::text(r#"{"id": 7, "method": "GetDocument", "params": {"id": "nope"}}"#),
            json!(7),
            INVALID_PARAMS,
        ),
    ];
    for (frame, id, code) in cases {
        ws.send(frame.clone()).await.unwrap();
        let reply = next_json(&mut ws).await;
        assert_eq!(reply["id"], id, "{frame:?} -> {reply}");
        assert_eq!(reply["error"]["code"], code, "{frame:?} -> {reply}");
        assert!(reply["error"]["message"].is_string());
    }
    let reply = ask(&mut ws, Request::new(8, "GetWidgetProperties", "w2")).await;
    assert_eq!(reply["result"]["title"], "Revenue");
}

#[tokio::test]
async fn a_client_that_vanishes_does_not_disturb_the_others() {
    let (url, _stop, _served) = engine(Settings::fixed_delay(Duration::from_millis(50))).await;
    let mut steady = connect(&url).await;
    next_json(&mut steady).await;

    let mut vanishing = connect(&url).await;
    vanishing
        .send(Message::text(
            serde_json::to_string(&Request::new(1, "GetDocument", "sales")).unwrap(),
        ))
        .await
        .unwrap();
    drop(vanishing); // no close frame: its pending reply has nowhere to go

    let reply = ask(&mut steady, Request::new(1, "GetWidgetContainer", "c2")).await;
    assert_eq!(reply["result"]["widgetId"], "w2");
    // And new clients are still welcome.
    let mut late = connect(&url).await;
    assert_eq!(next_json(&mut late).await["method"], "OnConnected");
}

#[tokio::test(start_paused = true)]
async fn each_request_is_answered_on_its_own_task() {
    // In memory, so the paused clock is exact: five requests, each answered after 1 s, take
    // 1 s in all, not 5 s.
    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    let settings = Arc::new(Settings::fixed_delay(Duration::from_secs(1)));
    tokio::spawn(serve_stream(
        server_io,
        "s".into(),
        settings,
        CancellationToken::new(),
    ));
    let (mut ws, _) = tokio_tungstenite::client_async("ws://engine/", client_io)
        .await
        .unwrap();
    next_json(&mut ws).await;
    let started = Instant::now();

    for (id, widget) in (1..).zip(["w1", "w2", "w3", "w4", "w5"]) {
        let request = Request::new(id, "GetWidgetProperties", widget);
        ws.send(Message::text(serde_json::to_string(&request).unwrap()))
            .await
            .unwrap();
    }
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(next_json(&mut ws).await["id"].as_u64().unwrap());
    }

    ids.sort();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(started.elapsed(), Duration::from_secs(1));
}

#[tokio::test]
async fn shutdown_closes_every_connection_cleanly() {
    let (url, stop, served) = engine(Settings::fixed_delay(Duration::from_secs(60))).await;
    let mut ws = connect(&url).await;
    next_json(&mut ws).await;
    ws.send(Message::text(
        serde_json::to_string(&Request::new(1, "GetDocument", "sales")).unwrap(),
    ))
    .await
    .unwrap();

    stop.send(()).unwrap();

    // The unanswered request is dropped, and a close frame says why.
    let close = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .unwrap();
    match close {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(frame.code, CloseCode::Away),
        other => panic!("expected a close frame, got {other:?}"),
    }
    // Reading on completes the handshake; then the engine returns.
    assert!(ws.next().await.is_none());
    tokio::time::timeout(Duration::from_secs(5), served)
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test(start_paused = true)]
async fn shutdown_is_bounded_even_for_a_client_that_never_reads() {
    // A small pipe and a client that only writes: the engine's replies fill the pipe and its
    // outgoing queue, so neither its replies nor its close frame can ever leave.
    let (client_io, server_io) = tokio::io::duplex(1024);
    let stop = CancellationToken::new();
    let served = tokio::spawn(serve_stream(
        server_io,
        "session-test".to_owned(),
        Arc::new(Settings::fixed_delay(Duration::ZERO)),
        stop.clone(),
    ));
    let (mut ws, _) = tokio_tungstenite::client_async("ws://engine/", client_io)
        .await
        .unwrap();
    for id in 1..=200 {
        let request = serde_json::to_string(&Request::new(id, "GetDocument", "sales")).unwrap();
        let send = ws.send(Message::text(request));
        // Until the engine, stuck on its replies, stops reading too.
        if tokio::time::timeout(Duration::from_secs(1), send)
            .await
            .is_err()
        {
            break;
        }
    }
    let started = Instant::now();

    stop.cancel();

    tokio::time::timeout(Duration::from_secs(60), served)
        .await
        .expect("the engine gave up on the client")
        .unwrap();
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1),
        "the 1 s close grace"
    );
    drop(ws); // alive, and not reading, until the engine has given up on it
}

// Bad clients: each costs the engine a bounded amount, and gets told what went wrong.

#[tokio::test(start_paused = true)]
async fn a_client_that_never_reads_is_slowed_down_not_buffered() {
    // Replies take a minute, so every request the engine takes in stays in flight: without a
    // bound it would read (and keep) all of them.
    let (client_io, server_io) = tokio::io::duplex(64 * 1024);
    let settings = Settings {
        max_in_flight: 64,
        ..Settings::fixed_delay(Duration::from_secs(60))
    };
    tokio::spawn(serve_stream(
        server_io,
        "s".into(),
        Arc::new(settings),
        CancellationToken::new(),
    ));
    let (mut ws, _) = tokio_tungstenite::client_async("ws://engine/", client_io)
        .await
        .unwrap();
    let mut sent = 0u64;
    while sent < 100_000 {
        let request = serde_json::to_string(&Request::new(sent, "GetDocument", "sales")).unwrap();
        let send = ws.send(Message::text(request));
        if tokio::time::timeout(Duration::from_secs(1), send)
            .await
            .is_err()
        {
            break; // the pipe is full: the engine has stopped reading
        }
        sent += 1;
    }
    // 64 in flight, plus what the pipe (64 KiB, ~60 bytes a request) and the engine's read
    // buffer hold: far from the 100,000 an unbounded engine takes in.
    assert!(
        sent < 3_000,
        "the engine read {sent} requests without answering one"
    );
}

#[tokio::test(start_paused = true)]
async fn a_connection_that_never_shakes_hands_is_closed() {
    let settings = Settings {
        handshake_timeout: Duration::from_secs(5),
        ..Settings::default()
    };
    let (url, _stop, _served) = engine(settings).await;
    let addr = url.trim_start_matches("ws://");
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut silent, &mut rest)
        .await
        .unwrap();
    assert_eq!(rest, b"", "closed without a word");
    assert_eq!(started.elapsed(), Duration::from_secs(5));
}

#[tokio::test]
async fn a_plain_http_request_is_told_to_upgrade() {
    let (url, _stop, _served) = engine(Settings::default()).await;
    let mut http = TcpStream::connect(url.trim_start_matches("ws://"))
        .await
        .unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut http, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut http, &mut answer)
        .await
        .unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 426 Upgrade Required\r\n"),
        "{answer}"
    );
    assert!(
        answer.ends_with("connect with a WebSocket client (ws://).\n"),
        "{answer}"
    );
}

#[tokio::test]
async fn a_message_over_the_limit_closes_with_1009() {
    let (url, _stop, _served) = engine(Settings::default()).await;
    let mut ws = connect(&url).await;
    next_json(&mut ws).await;
    let huge = "x".repeat(Settings::default().max_message + 1);
    ws.send(Message::text(huge)).await.unwrap();
    let close = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .unwrap();
    match close {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(frame.code, CloseCode::Size),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[tokio::test]
async fn an_error_reply_quotes_only_the_start_of_a_long_value() {
    let (url, _stop, _served) = engine(Settings::default()).await;
    let mut ws = connect(&url).await;
    next_json(&mut ws).await;
    let long_id = "9".repeat(20_000);
    let request =
        format!(r#"{{"method":"GetDocument","params":{{"id":"{long_id}"}},"id":"{long_id}"}}"#);
    ws.send(Message::text(request)).await.unwrap();
    let reply = next_json(&mut ws).await;
    assert_eq!(reply["error"]["code"], INVALID_REQUEST);
    let message = reply["error"]["message"].as_str().unwrap();
    assert!(
        message.len() < 300 && message.ends_with("..."),
        "{} bytes",
        message.len()
    );
}
