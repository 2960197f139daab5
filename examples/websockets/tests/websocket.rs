//! "A deeper look at async and concurrent programming in Python" (WebSockets and asyncio): the
//! document inspector, the engine it talks to, and the snippets, run as real programs.
//!
//! The programs that block on a runtime of their own (`document_inspector`, `ws_log_and_return`,
//! `ws_sync_bridge`) and the engine run on the real clock: their transcripts make no timing
//! claim. The others run under the paused clock, where `check` also holds them to their time.

use std::time::Duration;

use example_harness::{Example, check, check_on_the_real_clock, header};

const WARNING_FOR_MISSING: &str = r#"error on get_widgets doc_id="missing" error=GetDocument failed with error -32602: no document with id "missing""#;

#[test]
fn document_inspector_inspects_four_documents_on_its_own_engine() {
    let out = check("document_inspector");
    // The unknown document is the one failure: logged once, with its cause, on stderr.
    assert_eq!(
        out.stderr.matches("error on get_widgets").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(WARNING_FOR_MISSING), "{}", out.stderr);
}

#[test]
fn document_inspector_inspects_only_the_doc_asked_for() {
    let out = Example::new("document_inspector")
        .args(["--doc", "deck"])
        .real_clock()
        .run();
    out.assert_success();
    out.assert_stdout_matches(
        "document engine started on ws://127.0.0.1:[..]\ndeck: 2 widget(s)\n  w4  text   Intro\n  w5  chart  Trend\n",
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn doc_engine_serves_document_inspector_then_stops_on_ctrl_c() {
    let mut engine = Example::new("doc_engine")
        .args(["--port", "0"])
        .real_clock()
        .spawn();
    let line = engine.wait_for_line("listening on");
    let url = line
        .rsplit(' ')
        .next()
        .expect("the line ends with the URL")
        .to_owned();
    assert!(
        url.starts_with("ws://127.0.0.1:") && !url.ends_with(":0"),
        "{line}"
    );

    let inspector = Example::new("document_inspector")
        .args(["--url", url.as_str(), "--doc", "sales", "--doc", "raw"])
        .real_clock()
        .run();
    inspector.assert_success();
    // No engine of its own this time: the first line is the first document.
    inspector.assert_stdout_matches(
        "sales: 3 widget(s)\n  w1  table  Orders\n  w2  chart  Revenue\n  w3  kpi    Margin\nraw: 0 widget(s)\n",
    );

    engine.interrupt();
    let stopped = engine.wait(Duration::from_secs(10));
    stopped.assert_success();
    // The header's transcript, with the port that `--port 0` got.
    let transcript = header("doc_engine").transcript.replace("8765", "[..]");
    stopped.assert_stdout_matches(&transcript);
}

#[test]
fn doc_engine_reports_a_port_in_use_and_exits_non_zero() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Example::new("doc_engine")
        .args(["--port", port.as_str()])
        .real_clock()
        .run();
    out.assert_clean_failure();
    assert!(
        out.stderr.contains("cannot listen on 127.0.0.1:"),
        "{}",
        out.stderr
    );
}

#[test]
fn document_inspector_logs_and_returns_empty_lists_when_no_engine_listens() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port(); // the listener is dropped here: nothing listens on this port any more
    let url = format!("ws://127.0.0.1:{port}");
    let out = Example::new("document_inspector")
        .args(["--url", url.as_str(), "--doc", "sales"])
        .real_clock()
        .run();
    out.assert_success();
    out.assert_stdout_matches("sales: 0 widget(s)\n");
    assert!(
        out.stderr.contains("error on get_widgets"),
        "{}",
        out.stderr
    );
}

#[test]
fn ws_sender_receiver_gathers_three_replies() {
    // Real clock: with the clock paused, tokio may auto-advance to the next timer while the
    // WebSocket handshake is still in flight on loopback, and that timer is the example's 10 s
    // limit (seen here on tokio 1.54.1; the exchange itself has no timing claim).
    check_on_the_real_clock("ws_sender_receiver");
}

#[test]
fn ws_event_sync_wakes_the_sender_once_per_reply() {
    check("ws_event_sync");
}

#[test]
fn ws_timeout_gives_up_after_two_seconds_and_drops_the_receiver() {
    check("ws_timeout");
}

#[test]
fn ws_cancel_all_tasks_cancels_the_sender_when_the_receiver_fails() {
    // The transcript puts the sender's cancellation before the last line: `shutdown` waited.
    check("ws_cancel_all_tasks");
}

#[test]
fn ws_log_and_return_logs_once_and_returns_empty() {
    let out = check("ws_log_and_return");
    assert_eq!(
        out.stderr.matches("error on get_widgets").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(WARNING_FOR_MISSING), "{}", out.stderr);
}

#[test]
fn ws_sync_bridge_drops_leftover_tasks_with_the_runtime() {
    check("ws_sync_bridge");
}

/// A client that sends requests as fast as it can and never reads a reply: the engine stops
/// reading it after 64 requests in flight, so TCP slows the client down and the engine's
/// memory stays where it was, during the flood and after the client leaves.
#[test]
fn doc_engine_memory_stays_flat_under_a_client_that_never_reads() {
    use futures::SinkExt;
    use tokio_tungstenite::tungstenite::Message;

    let (mut engine, port) = Example::new("doc_engine").real_clock().spawn_on_free_port();
    // Room for a burst of a thousand clients, not `TcpListener::bind`'s 128.
    engine.assert_listen_queue_holds_a_burst();
    let before = engine.resident_memory();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (sent, during) = runtime.block_on(async {
        let url = format!("ws://127.0.0.1:{port}");
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let flood_ends = std::time::Instant::now() + Duration::from_secs(3);
        let (mut sent, mut peak) = (0u64, 0);
        while sent < 1_000_000 && std::time::Instant::now() < flood_ends {
            let request =
                format!(r#"{{"method":"GetDocument","params":{{"id":"sales"}},"id":{sent}}}"#);
            match tokio::time::timeout(Duration::from_millis(500), ws.send(Message::text(request)))
                .await
            {
                Ok(Ok(())) => sent += 1,
                _ => break, // held up by TCP: the engine has stopped reading
            }
            if sent % 5_000 == 0 {
                peak = peak.max(engine.resident_memory());
            }
        }
        (sent, peak.max(engine.resident_memory()))
    });
    drop(runtime); // the client leaves
    std::thread::sleep(Duration::from_secs(1));
    let after = engine.resident_memory();
    let mb = |bytes: u64| bytes as f64 / 1e6;
    eprintln!(
        "engine memory: {:.1} MB before, {:.1} MB at most during {sent} requests, {:.1} MB after",
        mb(before),
        mb(during),
        mb(after)
    );
    assert!(during < before + 30_000_000, "{} MB during", mb(during));
    assert!(after < before + 10_000_000, "{} MB after", mb(after));
}

/// At its file limit, with most descriptors held by connections that never send the
/// WebSocket handshake, the engine cuts those off after `--handshake-timeout` and serves a
/// normal client; meanwhile `accept` fails, and the log says so once, not ten times a second.
#[test]
fn doc_engine_at_its_file_limit_still_serves_a_normal_client() {
    use futures::StreamExt;

    let mut engine = Example::new("doc_engine")
        .args(["--port", "0", "--handshake-timeout", "1"])
        .open_file_limit(64)
        .real_clock()
        .spawn();
    let port = engine.listening_port(Duration::from_secs(10));
    // More silent connections than the engine has descriptors for.
    let silent: Vec<std::net::TcpStream> = (0..80)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));

    let started = std::time::Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let greeting = runtime.block_on(async {
        let url = format!("ws://127.0.0.1:{port}");
        let connect = tokio_tungstenite::connect_async(url);
        let (mut ws, _) = tokio::time::timeout(Duration::from_secs(10), connect)
            .await
            .expect("served within 10 s")
            .unwrap();
        ws.next().await.unwrap().unwrap().into_text().unwrap()
    });
    let waited = started.elapsed();
    assert!(greeting.contains("OnConnected"), "{greeting}");
    assert!(waited < Duration::from_secs(5), "served after {waited:?}");
    drop(silent);

    engine.interrupt();
    let out = engine.wait(Duration::from_secs(10));
    out.assert_success();
    let failures = out.stderr.matches("accept failed").count();
    assert!(
        (1..=3).contains(&failures),
        "{failures} warnings:\n{}",
        out.stderr
    );
}
