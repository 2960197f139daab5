//! Chapter 3, "A first asyncio application": the echo server from blocking sockets to the event
//! loop. Each server is started as a real program on a free port (`--port 0`, found from
//! outside with `listening_port`), talked to over TCP, and stopped the way the book stops it.
//! The sockets and the clients live in other processes, so everything runs on the real clock.

use std::time::Duration;

use example_harness::tcp::Connection;
use example_harness::{Example, Running, check, header};

const START: Duration = Duration::from_secs(10);

fn start(name: &str) -> (Running, u16) {
    Example::from_header(name).real_clock().spawn_on_free_port()
}

/// `I got a connection from ('127.0.0.1', PORT)!` with the client's own port.
fn connection_line(format: &str, client: &Connection) -> String {
    format.replace("PORT", &client.local_port().to_string())
}

#[test]
fn listing_3_1_accepts_one_connection_and_exits() {
    let (server, port) = start("listing_3_1");
    let client = Connection::to_port(port);
    let out = server.wait(START);
    out.assert_matches_header_on_port(8000, port);
    assert_eq!(
        out.stdout,
        connection_line("I got a connection from ('127.0.0.1', PORT)!\n", &client)
    );
}

#[test]
fn listing_3_2_reads_two_bytes_at_a_time_until_the_line_ends() {
    let (server, port) = start("listing_3_2");
    let mut client = Connection::to_port(port);
    client.send("testing\r\n").unwrap();
    let out = server.wait(START);
    out.assert_matches_header_on_port(8000, port);
}

#[test]
fn listing_3_3_echoes_but_one_silent_client_starves_the_next() {
    let (mut server, port) = start("listing_3_3");
    let mut first = Connection::to_port(port);
    first.send("hi\r\n").unwrap();
    assert_eq!(first.read_line().unwrap().as_deref(), Some("hi\r\n"));

    // The second client is accepted, but the loop reads the first client again before it.
    let mut second = Connection::to_port(port);
    second.send("me too\r\n").unwrap();
    second.set_read_timeout(Duration::from_millis(500));
    assert!(
        second.read_line().is_err(),
        "served before the first client spoke"
    );

    // Once the first client speaks, the loop moves on to the second.
    first.send("again\r\n").unwrap();
    assert_eq!(first.read_line().unwrap().as_deref(), Some("again\r\n"));
    second.set_read_timeout(Duration::from_secs(10));
    assert_eq!(second.read_line().unwrap().as_deref(), Some("me too\r\n"));

    server.assert_running_after(Duration::from_millis(100));
    server.interrupt();
    let out = server.wait(START);
    assert_eq!(out.code, None, "Ctrl-C ends it, as in the book");
    // The first client's part of the run is the header's transcript.
    let first_part = format!("{}\n", out.lines()[..4].join("\n"));
    example_harness::matches(&header("listing_3_3").transcript, &first_part)
        .unwrap_or_else(|diff| panic!("{diff}"));
    assert!(out.stdout.starts_with(&connection_line(
        "I got a connection from ('127.0.0.1', PORT)!\n",
        &first
    )));
}

#[test]
fn listing_3_4_makes_a_non_blocking_socket_and_exits() {
    let out = Example::new("listing_3_4")
        .real_clock()
        .args(["--port", "0"])
        .run();
    out.assert_success().assert_stdout_matches("");
}

#[test]
fn listing_3_5_fails_at_its_first_accept() {
    // It fails before it listens: no port to tell, and none in its output.
    Example::from_header("listing_3_5")
        .real_clock()
        .args(["--port", "0"])
        .run()
        .assert_matches_header_on_port(8000, 0);
}

#[test]
fn listing_3_6_serves_several_clients_in_a_busy_loop() {
    let (server, port) = start("listing_3_6");
    let mut first = Connection::to_port(port);
    let mut second = Connection::to_port(port);
    // Unlike 3.3, the second client is answered while the first says nothing.
    second.send("hi\r\n").unwrap();
    assert_eq!(second.read_line().unwrap().as_deref(), Some("hi\r\n"));
    first.send("me\r\n").unwrap();
    assert_eq!(first.read_line().unwrap().as_deref(), Some("me\r\n"));

    // Waiting for nobody, it still burns a whole core.
    let busy = server.cpu_time_over(Duration::from_millis(500));
    // (A third of it at least: other tests share the two cores.)
    assert!(busy > Duration::from_millis(150), "used {busy:?} of 500 ms");

    server.interrupt();
    let out = server.wait(START);
    assert!(
        out.stdout.contains("All the data is: b'hi\\r\\n'\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn listing_3_7_wakes_once_a_second_and_echoes() {
    let (mut server, port) = start("listing_3_7");
    server.wait_for_line("No events, waiting a bit more!");
    let mut client = Connection::to_port(port);
    client.send("hi\r\n").unwrap();
    assert_eq!(client.read_line().unwrap().as_deref(), Some("hi\r\n"));
    // Waiting on the selector costs nothing.
    let busy = server.cpu_time_over(Duration::from_millis(500));
    assert!(busy < Duration::from_millis(50), "used {busy:?} of 500 ms");
    server.interrupt();
    let out = server.wait(START);
    out.assert_stdout_matches(&header("listing_3_7").transcript.replace(
        "No events, waiting a bit more!\n",
        "No events, waiting a bit more!\n[..]",
    ));
}

#[test]
fn listing_3_8_echoes_many_clients_at_once() {
    let (server, port) = start("listing_3_8");
    let mut clients: Vec<Connection> = (0..10).map(|_| Connection::to_port(port)).collect();
    for (i, client) in clients.iter_mut().enumerate().rev() {
        client.send(format!("client {i}\r\n")).unwrap();
    }
    for (i, client) in clients.iter_mut().enumerate() {
        let line = format!("client {i}\r\n");
        assert_eq!(client.read_line().unwrap(), Some(line));
    }
    server.interrupt();
    let out = server.wait(START);
    assert_eq!(out.lines().len(), 10, "{}", out.stdout);
    assert!(
        out.lines()
            .iter()
            .all(|l| l.starts_with("Got a connection from ('127.0.0.1', "))
    );
}

#[test]
fn listing_3_9_sleeps_ten_seconds_when_left_alone() {
    check("listing_3_9");
}

#[test]
fn listing_3_9_ctrl_c_cancels_the_main_task() {
    let mut program = Example::new("listing_3_9").real_clock().spawn();
    program.wait_for_line("sleeping for 10 second(s)");
    program.interrupt();
    let out = program.wait(START);
    out.assert_clean_failure();
    assert_eq!(
        out.lines(),
        [
            "sleeping for 10 second(s)",
            "Got a SIGINT!",
            "Cancelling 1 task(s)."
        ]
    );
    assert_eq!(out.stderr.trim_end(), "Error: the main task was cancelled");
}

#[test]
fn listing_3_10_logs_a_failing_client_and_shuts_down_gracefully() {
    for stop in ["INT", "TERM"] {
        let (server, port) = start("listing_3_10");
        let mut talker = Connection::to_port(port);
        talker.send("hi\r\n").unwrap();
        assert_eq!(talker.read_line().unwrap().as_deref(), Some("hi\r\n"));
        let mut bomber = Connection::to_port(port);
        bomber.send("boom\r\n").unwrap();
        // Its task fails and drops the connection; the other client is not disturbed.
        assert_eq!(bomber.read_line().unwrap(), None);
        talker.send("still here\r\n").unwrap();
        assert_eq!(
            talker.read_line().unwrap().as_deref(),
            Some("still here\r\n")
        );

        // The talker stays connected: its task gets 2 s, then is cancelled.
        let stopping = std::time::Instant::now();
        server.signal(stop);
        let out = server.wait(START);
        let took = stopping.elapsed();
        out.assert_success();
        assert!(
            (Duration::from_secs(2)..Duration::from_secs(3)).contains(&took),
            "SIG{stop}: stopped after {took:?}"
        );
        assert_eq!(talker.read_line().unwrap(), None, "closed by the shutdown");
        assert_eq!(out.stdout.matches("got data!").count(), 3, "{}", out.stdout);
        assert_eq!(
            out.stderr.matches("Unexpected network error").count(),
            1,
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("ERROR"), "{}", out.stderr);
    }
}

/// The 2 s each idle client gets add up, in turn, as in the book; a second Ctrl-C or SIGTERM
/// ends the wait at once, as the book's second `GracefulExit` does.
#[test]
fn listing_3_10_stops_at_once_on_a_second_signal() {
    for stop in ["INT", "TERM"] {
        let (mut server, port) = start("listing_3_10");
        let idle: Vec<Connection> = (0..5).map(|_| Connection::to_port(port)).collect();
        // Each connection is accepted, so each has a task to wait for.
        for _ in &idle {
            server.wait_for_line("Got a connection");
        }
        server.signal(stop);
        std::thread::sleep(Duration::from_millis(300));
        let stopping = std::time::Instant::now();
        server.signal(stop);
        let out = server.wait(START);
        out.assert_success();
        let took = stopping.elapsed();
        // Not 10 s: the five clients' 2 s each.
        assert!(
            took < Duration::from_secs(2),
            "SIG{stop}: stopped after {took:?}"
        );
        drop(idle);
    }
}

/// A server that runs for long must not keep every client it ever had: after thousands of short
/// connections it uses no more memory than after a few hundred.
#[test]
fn listing_3_10_forgets_the_clients_that_left() {
    let (server, port) = start("listing_3_10");
    let connect_and_leave = |count: usize| {
        for _ in 0..count {
            let mut client = Connection::to_port(port);
            client.send("hi\r\n").unwrap();
            assert_eq!(client.read_line().unwrap().as_deref(), Some("hi\r\n"));
        }
    };
    connect_and_leave(500);
    let after_a_few = server.resident_memory();
    connect_and_leave(5000);
    let after_many = server.resident_memory();
    // Kept handles cost some 1.5 KB each: 7 MB more for 5,000.
    assert!(
        after_many < after_a_few + 2 * 1024 * 1024,
        "{after_a_few} bytes after 500 clients, {after_many} after 5,500"
    );
}

#[test]
fn line_client_sends_lines_and_prints_the_echo() {
    let (server, port) = start("listing_3_8");
    let out = Example::new("line_client")
        .real_clock()
        .args(["--port", &port.to_string()])
        .stdin("testing\nagain\n")
        .run();
    out.assert_success();
    assert_eq!(out.stdout, "testing\nagain\n");
    drop(server);

    let refused = Example::new("line_client")
        .real_clock()
        .args(["--port", &port.to_string()])
        .run();
    refused.assert_clean_failure();
    assert!(
        refused
            .stderr
            .starts_with(&format!("Error: cannot connect to 127.0.0.1:{port}: "))
    );
}
