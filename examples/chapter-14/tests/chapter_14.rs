//! Chapter 14, "Advanced asyncio": APIs for coroutines and functions, context variables,
//! forcing tasks to start, generators, and an event loop made by hand. The in-process
//! programs run under the paused clock; the servers are started as programs and talked to
//! over TCP. 14.1, 14.3 and 14.6 were compared line for line with the Python originals.

use std::time::Duration;

use example_harness::tcp::Connection;
use example_harness::{Example, Running, check, header};

const START: Duration = Duration::from_secs(10);

fn start(name: &str) -> (Running, u16) {
    Example::from_header(name).real_clock().spawn_on_free_port()
}

#[test]
fn listing_14_1_runs_coroutine_functions_coroutines_and_functions() {
    check("listing_14_1");
}

#[test]
fn listing_14_2_each_task_sees_its_own_client() {
    let (mut server, port) = start("listing_14_2");
    let mut first = Connection::to_port(port);
    let mut second = Connection::to_port(port);
    second.send("from the second\n").unwrap();
    first.send("from the first\n").unwrap();
    let expect = |client: &Connection, text: &str| {
        format!(
            "Got message b'{text}\\n' from ('127.0.0.1', {})",
            client.local_port()
        )
    };
    // In whichever order the two messages arrive, each names its own client.
    let mut got = [
        server.wait_for_line("Got message"),
        server.wait_for_line("Got message"),
    ];
    got.sort();
    let mut expected = [
        expect(&second, "from the second"),
        expect(&first, "from the first"),
    ];
    expected.sort();
    assert_eq!(got, expected);
    drop(server);
    assert!(
        header("listing_14_2")
            .transcript
            .starts_with("Got message b'hello\\r\\n' from")
    );
}

#[test]
fn listing_14_3_a_zero_sleep_lets_new_tasks_start() {
    check("listing_14_3");
}

#[test]
fn listing_14_4_echoes_one_line_and_hangs_up() {
    let (server, port) = start("listing_14_4");
    let mut client = Connection::to_port(port);
    client.send("echo me\r\n").unwrap();
    assert_eq!(client.read_to_end().unwrap(), "echo me\r\n");
    let mut silent_then_gone = Connection::to_port(port);
    silent_then_gone.finish_sending().unwrap();
    assert_eq!(silent_then_gone.read_to_end().unwrap(), "");
    server.interrupt();
    server.wait(START).assert_matches_header_on_port(9000, port);
}

#[test]
fn listing_14_5_a_future_written_by_hand_sleeps_a_second() {
    check("listing_14_5");
}

#[test]
fn listing_14_6_two_generators_take_turns() {
    check("listing_14_6");
}

#[test]
fn listing_14_7_one_step_runs_the_coroutine_to_its_end() {
    check("listing_14_7");
}

#[test]
fn listing_14_9_a_custom_future_polled_by_hand() {
    check("listing_14_9");
}

#[test]
fn listing_14_10_a_selector_and_a_hand_driven_coroutine_accept_a_client() {
    let (server, port) = start("listing_14_10");
    let client = Connection::to_port(port);
    let out = server.wait(START);
    out.assert_success().assert_stdout_matches(
        &header("listing_14_10")
            .transcript
            .replace("8000", &port.to_string()),
    );
    assert!(
        out.stdout
            .contains(&format!("raddr=('127.0.0.1', {})>!", client.local_port())),
        "{}",
        out.stdout
    );
}

#[test]
fn listing_14_13_the_hand_made_loop_serves_clients_concurrently() {
    let (mut server, port) = start("listing_14_13");
    let mut first = Connection::to_port(port);
    server.wait_for_line("Reading data from client");
    let mut second = Connection::to_port(port);
    server.wait_for_line("Reading data from client");
    // Both connected at once: each is heard as soon as it speaks, in any order.
    second.send("two\r\n").unwrap();
    assert_eq!(
        server.wait_for_line("Got "),
        "Got b'two\\r\\n' from client!"
    );
    first.send("one\r\n").unwrap();
    assert_eq!(
        server.wait_for_line("Got "),
        "Got b'one\\r\\n' from client!"
    );
    // A client that leaves is closed; the others go on.
    drop(second);
    first.send("still here\r\n").unwrap();
    assert_eq!(
        server.wait_for_line("Got "),
        "Got b'still here\\r\\n' from client!"
    );
    server.interrupt();
    let out = server.wait(START);
    // The first client's part of the story is the header's, to its first read.
    let transcript = header("listing_14_13")
        .transcript
        .replace("8000", &port.to_string());
    let expected: String = transcript
        .lines()
        .take(8)
        .map(|l| format!("{l}\n"))
        .collect();
    let actual: String = out.lines()[..8].iter().map(|l| format!("{l}\n")).collect();
    example_harness::matches(&expected, &actual).unwrap_or_else(|diff| panic!("{diff}"));
}

/// asyncio's `readline` stops at 64 KiB: a client that sends a line without end is dropped
/// there, the server's memory does not grow with it, and the other clients are served.
#[test]
fn listings_14_2_and_14_4_drop_a_client_whose_line_never_ends() {
    for name in ["listing_14_2", "listing_14_4"] {
        let (mut server, port) = start(name);
        let before = server.resident_memory();
        let mut endless = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        // The server stops reading past 64 KiB: the writes fail (reset), or block once the
        // socket's buffers are full, which a timeout turns into an error; 100 MB, at most.
        endless
            .set_write_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        let sent = (0..100)
            .take_while(|_| std::io::Write::write_all(&mut endless, &chunk).is_ok())
            .count();
        assert!(sent < 100, "{name} took 100 MB of one line");
        let after = server.resident_memory();
        assert!(
            after < before + 8 * 1024 * 1024,
            "{name}: {before} bytes before the endless line, {after} after"
        );

        let mut client = Connection::to_port(port);
        client.send("hello\r\n").unwrap();
        client.finish_sending().unwrap();
        if name == "listing_14_4" {
            assert_eq!(client.read_to_end().unwrap(), "hello\r\n");
        } else {
            server.wait_for_line("Got message b'hello\\r\\n'");
        }
        server.interrupt();
        let out = server.wait(START);
        if name == "listing_14_2" {
            assert!(
                out.stderr.contains("a line longer than 64 KiB"),
                "{}",
                out.stderr
            );
        }
    }
}
