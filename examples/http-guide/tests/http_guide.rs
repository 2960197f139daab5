//! The examples of "Python async programming, the complete guide" (the test web service and
//! test1 to test9, and the benchmarks), run as programs.
//!
//! Client and in-process server share one current_thread runtime, so these run under the
//! paused clock and the timings are exact. Only the examples whose point is threads (test9)
//! and the servers driven from outside run on the real clock, with short delays.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use example_harness::tcp::address_in;
use example_harness::{Example, Output, check, header};

const CLIENTS: [&str; 8] = [
    "test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8",
];

fn seconds(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

/// The local service spaces answers due together a millisecond apart (`serve::Stagger`): a
/// few requests at once end a few milliseconds after the latency, never a second later.
const SPACING: Duration = Duration::from_millis(10);

#[test]
fn test1_three_sequential_requests_take_three_seconds() {
    check("test1");
}

#[test]
fn test2_fire_and_forget_lives_on_its_sleep() {
    check("test2");
}

#[test]
fn test2_without_the_sleep_prints_nothing_but_the_time() {
    let out = Example::new("test2").arg("--no-sleep").run();
    out.assert_success()
        .assert_stdout_matches("耗时: 0:00:00\n")
        .assert_elapsed(Duration::ZERO, Duration::ZERO);
}

#[test]
fn test3_wait_returns_every_task_done_in_one_second() {
    check("test3");
    let out = Example::new("test3").args(["--workers", "6"]).run();
    out.assert_success().assert_elapsed(seconds(1.0), SPACING);
    assert!(out.stdout.contains(", pending 0\n"), "{}", out.stdout);
    assert_eq!(out.stdout.matches("Id(").count(), 6, "{}", out.stdout);
}

#[test]
fn test4_gather_keeps_the_order_of_the_tasks() {
    check("test4");
    let out = Example::new("test4").args(["--workers", "5"]).run();
    out.assert_success().assert_elapsed(seconds(1.0), SPACING);
    assert!(out.lines().contains(&"[0, 1, 2, 3, 4]"), "{}", out.stdout);
}

#[test]
fn test5_the_lock_serialises_the_requests() {
    check("test5");
    let out = Example::new("test5").args(["--workers", "4"]).run();
    out.assert_success().assert_elapsed(seconds(4.0), SPACING);
    assert!(out.lines().contains(&"[0, 1, 2, 3]"), "{}", out.stdout);
}

#[test]
fn test6_events_wake_all_their_waiters() {
    // The header's run: each event's two waiters print right after the answer that set it,
    // as in the article's run, and the second answer (0.38) sets the event the big waiters
    // wait on.
    let out = check("test6");
    assert_eq!(
        waiters_after_each_response(&out),
        [2, 2, 0],
        "{}",
        out.stdout
    );
}

/// The number of waiter lines printed after each response line, in order.
fn waiters_after_each_response(out: &Output) -> Vec<usize> {
    let mut counts = Vec::new();
    for line in out.lines() {
        if line.starts_with("响应内容") {
            counts.push(0);
        } else if line.contains("等待完成") || line.contains("收到任务事件") {
            *counts
                .last_mut()
                .expect("a waiter printed before any response") += 1;
        }
    }
    counts
}

#[test]
fn test7_each_notify_releases_exactly_two_waiters() {
    check("test7");
    let out = Example::new("test7").args(["--workers", "5"]).run();
    out.assert_success().assert_elapsed(seconds(1.0), SPACING);
    // Five waiters, five answers each calling notify(2): 2, 2, 1, then nobody is left.
    assert_eq!(
        waiters_after_each_response(&out),
        [2, 2, 1, 0, 0],
        "{}",
        out.stdout
    );
    for i in 0..5 {
        assert!(
            out.stdout.contains(&format!("waiter[{i}]等待完成")),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn test8_the_semaphore_admits_two_at_a_time() {
    check("test8");
    let out = Example::new("test8").args(["--workers", "5"]).run();
    out.assert_success().assert_elapsed(seconds(3.0), SPACING);
    // Every request takes 1 s, so the second in which each one ends shows how many ran
    // together: never more than two.
    let ends: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|line| line.contains(" worker["))
        .map(|line| &line[..19])
        .collect();
    assert_eq!(
        ends,
        [
            "2024-01-01 00:00:01",
            "2024-01-01 00:00:01",
            "2024-01-01 00:00:02",
            "2024-01-01 00:00:02",
            "2024-01-01 00:00:03",
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn test9_thread_and_cpu_pools_run_together() {
    // Threads are the point, so the real clock, with 0.2 s sleeps and a small CPU job.
    let out = Example::new("test9")
        .real_clock()
        .args(["--sleep", "0.2", "--n", "100000"])
        .run();
    out.assert_success();
    let lines = out.lines();
    let expected = [
        "threading(0)",
        "threading(1)",
        "threading(2)",
        "process(0)",
        "process(1)",
        "process(2)",
    ];
    assert_eq!(lines.len(), 7, "{}", out.stdout);
    for (line, start) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(&format!("{start}: done at ")),
            "{}",
            out.stdout
        );
    }
    assert!(lines[6].starts_with("耗时: 0:00:00."), "{}", out.stdout);
    // The four sleeps of 0.2 s (the unawaited one included) overlap only if the thread pool
    // has `workers + 1` threads: with one thread fewer, the last sleep waits for a free
    // thread and the run takes 0.4 s; one after the other they would take 0.8 s.
    let elapsed = out.elapsed();
    assert!(
        elapsed >= seconds(0.2) && elapsed < seconds(0.35),
        "{elapsed:?}"
    );
}

#[test]
fn every_client_reports_a_server_that_is_down() {
    let url = format!("http://127.0.0.1:{}", example_harness::tcp::closed_port());
    for name in CLIENTS {
        let out = Example::new(name).args(["--url", &url]).run();
        out.assert_clean_failure();
        let stderr = out.stderr.trim_end();
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("Error: cannot connect to {url}/")),
            "{name}: {stderr}"
        );
        assert!(stderr.contains("Connection refused"), "{name}: {stderr}");
    }
}

/// A server on a thread of its own that answers every request with `response` and closes.
fn fake_server(response: &'static [u8]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0; 1024];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(response);
        }
    });
    format!("http://{addr}")
}

#[test]
fn clients_report_a_malformed_reply() {
    // Real clock: the server is on another thread, which the paused clock cannot see.
    let run = |name: &str, url: &str| {
        let out = Example::new(name).real_clock().args(["--url", url]).run();
        out.assert_clean_failure();
        let stderr = out.stderr.trim_end().to_owned();
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        stderr
    };
    let not_json =
        fake_server(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    for name in &CLIENTS[..8] {
        let stderr = run(name, &not_json);
        assert!(stderr.contains("the body is not JSON"), "{name}: {stderr}");
    }
    // test6 to test8 use the number: `/`'s "ok" is no number (a TypeError in Python), and
    // must not be taken for 0.
    let ok = fake_server(
        b"HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"msg\":\"ok\"}",
    );
    for name in ["test6", "test7", "test8"] {
        let stderr = run(name, &ok);
        assert!(
            stderr.ends_with(r#"/random: "msg" is not a number in {"msg":"ok"}"#),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn clients_reject_bad_arguments_clearly() {
    // clap's usage errors: one line that says what is wrong, its hint, and exit code 2.
    let out = Example::new("test1").args(["--workers", "many"]).run();
    out.assert_clean_failure();
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr.lines().next(),
        Some("error: invalid value 'many' for '--workers <N>': `many` is not a whole number")
    );
    let out = Example::new("test4")
        .args(["--url", "127.0.0.1:8000"])
        .run();
    out.assert_clean_failure();
    assert!(
        out.stderr.contains("expected http://HOST:PORT"),
        "{}",
        out.stderr
    );
    // The server is not a client: `--url` means nothing to it.
    let out = Example::new("web")
        .args(["--url", "http://127.0.0.1:1"])
        .run();
    out.assert_clean_failure();
    assert!(
        out.stderr
            .starts_with("error: unexpected argument '--url' found"),
        "{}",
        out.stderr
    );
}

#[test]
fn web_reports_a_port_in_use() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Example::new("web").args(["--port", &port]).run();
    out.assert_clean_failure();
    assert!(
        out.stderr
            .starts_with(&format!("Error: cannot listen on 127.0.0.1:{port}: ")),
        "{}",
        out.stderr
    );
}

/// A server runs until it is told to stop: still up after a second, answering a plain
/// HTTP/1.0 client, and the reader's Ctrl-C ends it with the article's lines.
#[test]
fn web_serves_until_ctrl_c() {
    let web = Example::new("web")
        .real_clock()
        .args(["--port", "0", "--latency", "0"]);
    let mut running = web.spawn();
    let port = running.listening_port(Duration::from_secs(10));
    running.assert_listen_queue_holds_a_burst();
    let mut client = example_harness::tcp::Connection::to_port(port);
    client.send("GET / HTTP/1.0\r\n\r\n").unwrap();
    let answer = client.read_to_end().unwrap();
    assert!(answer.ends_with(r#"{"msg":"ok"}"#), "{answer:?}");
    drop(running);

    let out = web.run_for(Duration::from_secs(1));
    out.assert_success();
    assert_eq!(
        out.lines()[1..],
        ["Shutting down: finishing the requests in flight", "Stopped"]
    );
}

/// Sends a request for `/` and returns the connection, its answer still to come.
fn request_in_flight(port: u16) -> example_harness::tcp::Connection {
    let mut connection = example_harness::tcp::Connection::to_port(port);
    connection
        .send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    // Let the server read it before the signal.
    std::thread::sleep(Duration::from_millis(200));
    connection
}

#[test]
fn web_treats_sigterm_like_ctrl_c() {
    let mut web = Example::new("web")
        .real_clock()
        .args(["--port", "0", "--latency", "0.5"])
        .spawn();
    let port = web.listening_port(Duration::from_secs(10));
    let mut in_flight = request_in_flight(port);
    web.terminate();
    let answer = in_flight.read_to_end().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:?}");
    let out = web.wait(Duration::from_secs(5));
    out.assert_success();
    assert_eq!(out.lines().last(), Some(&"Stopped"));
}

#[test]
fn web_says_how_many_requests_a_late_shutdown_dropped_and_fails() {
    let mut web = Example::new("web")
        .real_clock()
        .args(["--port", "0", "--latency", "5", "--grace", "0.3"])
        .spawn();
    let port = web.listening_port(Duration::from_secs(10));
    let _in_flight = request_in_flight(port);
    web.interrupt();
    let out = web.wait(Duration::from_secs(3));
    out.assert_clean_failure();
    assert!(
        out.stderr
            .contains("Error: the grace period ran out: 1 connection(s) dropped"),
        "{}",
        out.stderr
    );
    // The warning went to stderr through the log too.
    assert!(
        out.stderr.contains("shutdown grace period over"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("Stopped"), "{}", out.stdout);
}

#[test]
fn web_exits_at_once_on_a_second_ctrl_c() {
    let mut web = Example::new("web")
        .real_clock()
        .args(["--port", "0", "--latency", "5"])
        .spawn();
    let port = web.listening_port(Duration::from_secs(10));
    let _in_flight = request_in_flight(port);
    web.interrupt();
    web.wait_for_line("Shutting down");
    web.interrupt();
    let started = std::time::Instant::now();
    let out = web.wait(Duration::from_secs(3));
    assert_eq!(out.code, Some(130), "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn web_logs_to_stderr_as_rust_log_asks() {
    let (web, port) = Example::new("web")
        .real_clock()
        .env("RUST_LOG", "debug")
        .spawn_on_free_port();
    let mut garbage = example_harness::tcp::Connection::to_port(port);
    garbage.send("\x00\x01 not http\r\n\r\n").unwrap();
    let _ = garbage.read_to_end();
    web.interrupt();
    let out = web.wait(Duration::from_secs(5));
    out.assert_success();
    assert!(
        out.stderr.contains("connection ended with an error"),
        "{}",
        out.stderr
    );
}

#[test]
fn web_serves_the_scripts_and_finishes_in_flight_requests_on_ctrl_c() {
    let mut web = Example::new("web")
        .real_clock()
        .args(["--port", "0", "--latency", "0.3"])
        .spawn();
    let first = web.wait_for_line("Running on");
    let addr = address_in(&first);
    // The port the kernel picked, seen from outside, is the one the line names.
    assert_eq!(web.listening_port(Duration::from_secs(10)), addr.port());
    assert_eq!(
        first,
        header("web")
            .transcript
            .lines()
            .next()
            .unwrap()
            .replace("127.0.0.1:8000", &addr.to_string())
    );

    // A client script pointed at it with --url (real clock: the server is another process).
    let url = format!("http://{addr}");
    let out = Example::new("test4")
        .real_clock()
        .args(["--url", &url])
        .run();
    out.assert_success();
    assert!(out.lines().contains(&"[0, 1, 2]"), "{}", out.stdout);

    // Ctrl-C while a request is in flight: it still gets its answer, then the server exits 0.
    let mut in_flight = TcpStream::connect(addr).unwrap();
    in_flight
        .write_all(b"GET /random HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    web.interrupt();
    in_flight
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = String::new();
    in_flight.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:?}");
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    let msg = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["msg"].as_f64());
    assert!(msg.is_some_and(|m| (0.0..1.0).contains(&m)), "{answer:?}");

    let out = web.wait(Duration::from_secs(5));
    out.assert_success();
    assert!(
        out.stdout
            .ends_with("Shutting down: finishing the requests in flight\nStopped\n"),
        "{}",
        out.stdout
    );
}

/// Past the open-file limit connects and accepts fail and are retried with pauses: the run
/// would measure the limit, so the benchmark refuses it in one line and says what to do.
#[test]
fn fanout_bench_refuses_more_requests_than_the_file_limit_allows() {
    let out = Example::new("fanout_bench")
        .real_clock()
        .open_file_limit(1024)
        .args(["--requests", "600"])
        .run();
    out.assert_clean_failure();
    assert_eq!(
        out.stderr.trim_end(),
        "Error: 600 requests need about 1264 open files and the limit here is 1024 \
         (`ulimit -Hn`): ask for 480 or fewer, or run the server in another process (`--url`)"
    );
    assert_eq!(out.stdout, "");
}

/// `fanout_bench --latency 0.2` answered all `requests` at once: near the 0.2 s of one request
/// (a busy machine adds a little), nowhere near the time of one after the other.
fn assert_all_at_once(out: &Output, requests: u32) {
    let seconds: f64 = out.lines()[1]
        .strip_prefix(&format!("all {requests} answered in "))
        .and_then(|rest| rest.split_once(" s"))
        .and_then(|(seconds, _)| seconds.parse().ok())
        .unwrap_or_else(|| panic!("no time line:\n{}", out.stdout));
    assert!((0.2..2.0).contains(&seconds), "{}", out.stdout);
}

/// Over HTTP/2 the requests are streams of one connection, so they need a few descriptors
/// instead of two each: 1,000 in process at a file limit of 1,024, which HTTP/1.1 refuses
/// (2,064 needed). And `web --http2` in another process serves them.
#[test]
fn fanout_bench_sends_its_requests_as_http2_streams() {
    let in_process = Example::new("fanout_bench")
        .real_clock()
        .open_file_limit(1024)
        .args(["--requests", "1000", "--http2", "--latency", "0.2"]);
    let out = in_process.run();
    out.assert_success();
    assert_all_at_once(&out, 1000);
    let refused = Example::new("fanout_bench")
        .real_clock()
        .open_file_limit(1024)
        .args(["--requests", "1000", "--latency", "0.2"])
        .run();
    refused.assert_clean_failure();

    let mut web = Example::new("web")
        .real_clock()
        .args(["--port", "0", "--latency", "0.2", "--http2"])
        .spawn();
    let port = web.listening_port(Duration::from_secs(10));
    let url = format!("http://127.0.0.1:{port}");
    let out = Example::new("fanout_bench")
        .real_clock()
        .args([
            "--requests",
            "300",
            "--http2",
            "--url",
            &url,
            "--latency",
            "0.2",
        ])
        .run();
    out.assert_success();
    assert_all_at_once(&out, 300);
    web.interrupt();
    web.wait(Duration::from_secs(10)).assert_success();
}

#[test]
fn fanout_bench_runs_a_small_fan_out() {
    // A smoke test on the real clock; the speed figures come from `--release` runs.
    let out = Example::new("fanout_bench")
        .real_clock()
        .args(["--requests", "50", "--latency", "0.1"])
        .run();
    out.assert_success();
    let lines = out.lines();
    assert!(
        lines[0].starts_with("50 concurrent GETs of http://127.0.0.1:"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("all 50 answered in 0."),
        "{}",
        out.stdout
    );
}
