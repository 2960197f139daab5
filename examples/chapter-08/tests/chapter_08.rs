//! Chapter 8, "Streams": the protocol and stream clients against the local stand-in (exact,
//! under the paused clock), the keyboard programs with a pipe and in a pseudo-terminal, the
//! terminal applications typed into and read back as a screen, and the chat servers with real
//! clients, good and bad.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use example_harness::pty::{ROWS, Terminal};
use example_harness::tcp::{Connection, closed_port};
use example_harness::{Example, Running, check};

/// Long enough for a program on a busy machine.
const EXIT: Duration = Duration::from_secs(10);

fn in_terminal(name: &str, args: &[&str]) -> Terminal {
    Example::new(name)
        .real_clock()
        .args(args)
        .spawn_in_terminal()
}

/// The row the reader types on: the last.
fn input_row(terminal: &Terminal) -> String {
    terminal.rows()[usize::from(ROWS) - 1].clone()
}

fn ready_for_keys(terminal: &Terminal) {
    terminal.wait_for("the cursor on the bottom row", |screen| {
        screen.cursor_position() == (ROWS - 1, 0)
    });
}

/// Ctrl-C, typed: the terminal sends SIGINT (cbreak mode leaves that on), the program ends
/// and gives the terminal back as it found it.
fn interrupt_and_check_terminal(terminal: &mut Terminal) {
    terminal.type_keys("\x03");
    terminal.wait(EXIT);
    terminal.assert_given_back();
}

fn start_server(name: &str, args: &[&str]) -> (Running, u16) {
    Example::new(name)
        .real_clock()
        .args(args)
        .spawn_on_free_port()
}

fn line(client: &mut Connection) -> String {
    client
        .read_line()
        .expect("a line from the server")
        .expect("the server closed the connection")
}

/// Reads until `expected` comes, skipping what comes before it (others joining, say).
fn read_until(client: &mut Connection, expected: &str) {
    loop {
        match client.read_line() {
            Ok(Some(line)) if line == expected => return,
            Ok(Some(_)) => {}
            other => panic!("no {expected:?} before {other:?}"),
        }
    }
}

/// A chat user who has said `CONNECT name` and read the welcome.
fn join(port: u16, name: &str) -> Connection {
    let mut client = Connection::to_port(port);
    client.send(format!("CONNECT {name}\n")).unwrap();
    assert!(line(&mut client).starts_with("Welcome! "));
    assert_eq!(line(&mut client), format!("{name} connected!\n"));
    client
}

#[test]
fn listing_8_2_the_protocol_gets_the_page() {
    check("listing_8_2");
}

#[test]
fn listing_8_3_the_streams_get_the_page() {
    check("listing_8_3");
}

#[test]
fn the_clients_say_in_one_line_that_the_server_is_down() {
    let url = format!("http://127.0.0.1:{}", closed_port());
    for name in ["listing_8_2", "listing_8_3"] {
        let out = Example::new(name).args(["--url", &url]).run();
        out.assert_clean_failure();
        assert!(
            out.stderr.contains("cannot connect to 127.0.0.1:"),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn listing_8_4_the_delays_never_run_from_a_pipe() {
    check("listing_8_4");
}

#[test]
fn listing_8_4_the_delays_never_run_while_input_waits_for_the_keyboard() {
    let mut terminal = in_terminal("listing_8_4", &[]);
    terminal.wait_for_text("Enter a time to sleep:");
    terminal.type_keys("1\n");
    terminal.wait_for_text("1\nEnter a time to sleep:");
    // A delay of 1 s would have said so at once, and finished within the second: proving that
    // nothing comes takes waiting, so wait twice its time.
    thread::sleep(Duration::from_secs(2));
    assert!(
        !terminal.contents().contains("sleeping"),
        "{}",
        terminal.contents()
    );
    assert!(terminal.is_running());
    terminal.type_keys("\x03");
    terminal.wait(EXIT);
    terminal.assert_given_back();
}

#[test]
fn listing_8_6_delays_run_while_the_next_line_is_awaited() {
    check("listing_8_6");
}

#[test]
fn listing_8_6_reads_the_keyboard_as_it_is_typed_and_leaves_the_terminal_as_it_was() {
    let mut terminal = in_terminal("listing_8_6", &[]);
    // The terminal's own line editing: the program gets `2\n` when Enter is pressed.
    terminal.type_keys("2\n");
    terminal.wait_for_text("sleeping for 2 second(s)");
    terminal.type_keys("1\n");
    terminal.wait_for_text("finished sleeping for 2 second(s)");
    let rows = terminal.rows();
    let said: Vec<&str> = rows
        .iter()
        .map(String::as_str)
        .filter(|row| !row.is_empty())
        .collect();
    assert_eq!(
        said,
        [
            "2",
            "sleeping for 2 second(s)",
            "1",
            "sleeping for 1 second(s)",
            "finished sleeping for 1 second(s)",
            "finished sleeping for 2 second(s)",
        ]
    );
    assert!(terminal.is_running(), "it waits for more input");
    // Ctrl-D at the start of a line: the end of the input, and of the program.
    terminal.type_keys("\x04");
    assert!(terminal.wait(EXIT).success());
    terminal.assert_given_back();
}

#[test]
fn listing_8_6_a_line_that_is_not_a_number_is_one_line() {
    let out = Example::new("listing_8_6").stdin("1\nsoon\n").run();
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stderr.trim(),
        r#"Error: not a number of seconds: "soon""#
    );
}

#[test]
fn listing_8_10_delays_start_and_finish_at_the_top_while_the_input_stays_at_the_bottom() {
    let mut terminal = in_terminal("listing_8_10", &[]);
    ready_for_keys(&terminal);
    // Typed with a mistake: `23`, Backspace, shows `2`.
    terminal.type_keys("23");
    terminal.wait_for_text("23");
    terminal.type_keys("\x7f");
    terminal.wait_for("the 3 erased", |screen| {
        screen.cursor_position() == (ROWS - 1, 1)
    });
    assert_eq!(input_row(&terminal), "2");
    terminal.type_keys("\n1\n");
    terminal.wait_for_text("Finished delay 2");
    let rows = terminal.rows();
    assert_eq!(
        rows[..4],
        [
            "Starting delay 2",
            "Starting delay 1",
            "Finished delay 1",
            "Finished delay 2"
        ]
    );
    assert!(rows[4..].iter().all(String::is_empty), "{rows:#?}");
    assert_eq!(terminal.cursor(), (ROWS - 1, 0));
    interrupt_and_check_terminal(&mut terminal);
}

#[test]
fn listing_8_10_keeps_as_many_messages_as_there_are_rows_above_the_input() {
    let mut terminal = in_terminal("listing_8_10", &[]);
    ready_for_keys(&terminal);
    // 12 delays of 0 s: 24 messages for 23 rows; the first is pushed out.
    terminal.type_keys(&"0\n".repeat(12));
    terminal.wait_for("the last delay finished", |screen| {
        let rows: Vec<String> = screen.rows(0, 80).collect();
        rows[usize::from(ROWS) - 2].trim_end() == "Finished delay 0"
            && screen.cursor_position() == (ROWS - 1, 0)
    });
    let rows = terminal.rows();
    let messages = &rows[..usize::from(ROWS) - 1];
    assert_eq!(
        messages
            .iter()
            .filter(|row| *row == "Starting delay 0")
            .count(),
        11
    );
    assert_eq!(
        messages
            .iter()
            .filter(|row| *row == "Finished delay 0")
            .count(),
        12
    );
    // A word instead of a number is said at the top, and the program goes on.
    terminal.type_keys("soon\n");
    terminal.wait_for_text(r#"Not a number of seconds: "soon""#);
    assert!(terminal.is_running());
    interrupt_and_check_terminal(&mut terminal);
}

#[test]
fn listing_8_10_gives_the_terminal_back_when_terminated() {
    let mut terminal = in_terminal("listing_8_10", &[]);
    ready_for_keys(&terminal);
    terminal.type_keys("5\n");
    terminal.wait_for_text("Starting delay 5");
    terminal.terminate();
    terminal.wait(EXIT);
    terminal.assert_given_back();
}

#[test]
fn the_terminal_programs_need_a_terminal_and_say_so() {
    for name in ["listing_8_10", "listing_8_14"] {
        let out = Example::new(name).real_clock().stdin("1\n").run();
        assert_eq!(out.code, Some(1), "{name}");
        assert!(
            out.stderr
                .starts_with("Error: this program needs a terminal, and standard input is not one"),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn listing_8_11_runs_queries_concurrently_while_the_reader_types() {
    let mut terminal = in_terminal("listing_8_11", &[]);
    terminal.wait_for("the database and the cleared screen", |screen| {
        screen.cursor_position() == (ROWS - 1, 0) && screen.contents().trim().is_empty()
    });
    terminal.type_keys("SELECT pg_sleep(2)\n");
    terminal.type_keys("SELECT * FROM brand\n");
    terminal.type_keys("SELECT * FROM nothing\n");
    terminal.wait_for_text("from: SELECT pg_sleep(2)");
    let rows = terminal.rows();
    // The quick ones first, in either order; the slow one when it is done.
    let mut quick = vec![rows[0].as_str(), rows[1].as_str()];
    quick.sort_unstable();
    assert_eq!(
        quick,
        [
            r#"Fetched 102 rows from: SELECT * FROM brand"#,
            r#"Got exception relation "nothing" does not exist from: SELECT * FROM nothing"#,
        ]
    );
    assert_eq!(rows[2], "Fetched 1 rows from: SELECT pg_sleep(2)");
    interrupt_and_check_terminal(&mut terminal);
}

#[test]
fn listing_8_12_welcomes_echoes_and_tells_everyone_of_joins_and_leaves() {
    let (server, port) = start_server("listing_8_12", &[]);
    let mut first = Connection::to_port(port);
    assert_eq!(line(&mut first), "Welcome! 1 user(s) are online!\n");
    assert_eq!(line(&mut first), "New user connected!\n");
    let mut second = Connection::to_port(port);
    assert_eq!(line(&mut second), "Welcome! 2 user(s) are online!\n");
    assert_eq!(line(&mut second), "New user connected!\n");
    assert_eq!(line(&mut first), "New user connected!\n");

    // The echo goes to its sender only, byte for byte.
    first.send("hello\r\n").unwrap();
    assert_eq!(line(&mut first), "hello\r\n");
    second.send("bye\n").unwrap();
    assert_eq!(line(&mut second), "bye\n");

    drop(second);
    assert_eq!(
        line(&mut first),
        "Client disconnected. 1 user(s) are online!\n"
    );
    // Ctrl-C closes every connection, and the server ends at once.
    server.interrupt();
    assert_eq!(first.read_to_end().unwrap(), "");
    let out = server.wait(EXIT);
    out.assert_success();
    assert_eq!(out.stdout, "");
}

#[test]
fn listing_8_13_the_room_hears_every_user() {
    let (mut server, port) = start_server("listing_8_13", &[]);
    let mut alice = join(port, "alice");
    server.wait_for_line("CONNECTED ('127.0.0.1', ");

    // A telnet user ends lines with \r\n: neither the name nor the message keeps the \r.
    let mut bob = Connection::to_port(port);
    bob.send("CONNECT bob\r\n").unwrap();
    assert_eq!(line(&mut bob), "Welcome! 2 user(s) are online!\n");
    assert_eq!(line(&mut bob), "bob connected!\n");
    assert_eq!(line(&mut alice), "bob connected!\n");

    alice.send("hi bob\n").unwrap();
    bob.send("hi alice\r\n").unwrap();
    for client in [&mut alice, &mut bob] {
        let mut heard = [line(client), line(client)];
        heard.sort();
        assert_eq!(heard, ["alice: hi bob\n", "bob: hi alice\n"]);
    }

    // A name already in the room is refused.
    let mut other_alice = Connection::to_port(port);
    other_alice.send("CONNECT alice\n").unwrap();
    assert_eq!(
        other_alice.read_to_end().unwrap(),
        "The name alice is taken, choose another.\n"
    );
    // So is anything but CONNECT.
    let mut stranger = Connection::to_port(port);
    stranger.send("HELLO there\n").unwrap();
    assert_eq!(stranger.read_to_end().unwrap(), "");
    server.wait_for_stderr_line("Got invalid command from client, disconnecting.");

    // Leaving mid-message: the part sent is said, then that the user left.
    bob.send("half a mess").unwrap();
    drop(bob);
    assert_eq!(line(&mut alice), "bob: half a mess\n");
    assert_eq!(line(&mut alice), "bob has left the chat\n");
    // And the name is free again.
    let _bob_again = join(port, "bob");
    assert_eq!(line(&mut alice), "bob connected!\n");
    server.interrupt();
    server.wait(EXIT).assert_success();
}

#[test]
fn listing_8_13_drops_an_idle_user_and_says_so() {
    let (mut server, port) = start_server("listing_8_13", &["--idle-timeout", "2"]);
    let joined = Instant::now();
    let mut idle = join(port, "idle");
    let mut talker = join(port, "talker");
    assert_eq!(line(&mut idle), "talker connected!\n");
    thread::sleep(Duration::from_secs(1));
    talker.send("still here\n").unwrap();
    assert_eq!(line(&mut talker), "talker: still here\n");
    // The idle one, closed after its 2 s; the other told of it, and kept.
    read_until(&mut idle, "talker: still here\n");
    assert_eq!(idle.read_to_end().unwrap(), "");
    assert!(joined.elapsed() >= Duration::from_millis(1900));
    assert_eq!(line(&mut talker), "idle has left the chat\n");
    server.wait_for_stderr_line("idle sent nothing for 2s, disconnecting.");
    // A client that never says CONNECT is dropped as well.
    let mut silent = Connection::to_port(port);
    assert_eq!(silent.read_to_end().unwrap(), "");
    server.interrupt();
    server.wait(EXIT).assert_success();
}

#[test]
fn listing_8_13_a_user_who_stops_reading_neither_stalls_the_room_nor_fills_the_memory() {
    let (mut server, port) = start_server("listing_8_13", &[]);
    // Reads nothing, ever.
    let mut deaf = TcpStream::connect(("127.0.0.1", port)).unwrap();
    deaf.write_all(b"CONNECT deaf\n").unwrap();
    let mut talker = join(port, "talker");

    // 20,000 lines of 1 KB: 20 MB for each user, far more than the sockets' buffers hold.
    let lines = 20_000;
    let text = "x".repeat(1000);
    let mut sender = talker.sender();
    let sending = thread::spawn(move || {
        for _ in 0..lines {
            sender.write_all(format!("{text}\n").as_bytes()).unwrap();
        }
    });
    // The talker hears every line of theirs, and that the deaf one was dropped.
    let mut heard = 0;
    let mut deaf_left = false;
    while heard < lines {
        let said = line(&mut talker);
        if said.starts_with("talker: ") {
            heard += 1;
        } else if said == "deaf has left the chat\n" {
            deaf_left = true;
        }
    }
    sending.join().unwrap();
    assert!(deaf_left, "the deaf user was never dropped");
    server.wait_for_stderr_line("Could not write to deaf");
    let memory = server.resident_memory();
    assert!(
        memory < 64 << 20,
        "the server holds {} MB after 20 MB was said",
        memory >> 20
    );
    // The deaf one's connection is closed; what it finds is what the server sent before.
    deaf.set_read_timeout(Some(EXIT)).unwrap();
    let mut rest = Vec::new();
    let _ = deaf.read_to_end(&mut rest);
    server.interrupt();
    server.wait(EXIT).assert_success();
}

#[test]
fn listing_8_13_a_ten_megabyte_line_drops_its_sender_only() {
    let (mut server, port) = start_server("listing_8_13", &[]);
    let mut listener = join(port, "listener");
    let mut flooder = TcpStream::connect(("127.0.0.1", port)).unwrap();
    flooder.write_all(b"CONNECT flooder\n").unwrap();
    read_until(&mut listener, "flooder connected!\n");
    // 10 MB without a newline; the server hangs up after 64 KiB, so the rest may not go.
    let _ = flooder.write_all(&vec![b'x'; 10 << 20]);
    assert_eq!(line(&mut listener), "flooder has left the chat\n");
    server.wait_for_stderr_line("a line longer than 64 KiB");
    assert!(server.resident_memory() < 64 << 20);
    listener.send("still open\n").unwrap();
    assert_eq!(line(&mut listener), "listener: still open\n");
    server.interrupt();
    server.wait(EXIT).assert_success();
}

#[test]
fn listing_8_13_holds_hundreds_of_users_at_once() {
    let (server, port) = start_server("listing_8_13", &[]);
    let users = 300;
    let mut clients: Vec<Connection> = (0..users)
        .map(|number| {
            let mut client = Connection::to_port(port);
            client.send(format!("CONNECT user{number}\n")).unwrap();
            client
        })
        .collect();
    for (number, client) in clients.iter_mut().enumerate() {
        read_until(client, &format!("user{number} connected!\n"));
    }
    clients[0].send("hello, all\n").unwrap();
    for client in &mut clients {
        read_until(client, "user0: hello, all\n");
    }
    server.interrupt();
    server.wait(EXIT).assert_success();
}

#[test]
fn listing_8_14_two_users_talk_through_the_chat_server() {
    let (server, port) = start_server("listing_8_13", &[]);
    let port = port.to_string();
    let mut alice = in_terminal("listing_8_14", &["--port", &port]);
    alice.wait_for_text("Enter username: ");
    alice.type_keys("alice\n");
    alice.wait_for_text("alice connected!");
    assert_eq!(alice.rows()[0], "Welcome! 1 user(s) are online!");

    let mut bob = in_terminal("listing_8_14", &["--port", &port]);
    bob.wait_for_text("Enter username: ");
    // A typo, erased.
    bob.type_keys("bobb\x7f\n");
    bob.wait_for_text("bob connected!");
    assert_eq!(
        bob.rows()[..2],
        ["Welcome! 2 user(s) are online!", "bob connected!"]
    );
    alice.wait_for_text("bob connected!");

    alice.type_keys("hi bob");
    alice.wait_for_text("hi bob");
    assert_eq!(input_row(&alice), "hi bob");
    alice.type_keys("\n");
    bob.wait_for_text("alice: hi bob");
    alice.wait_for_text("alice: hi bob");
    // Sent, the input row is clear for the next line.
    assert_eq!(input_row(&alice), "");
    assert_eq!(bob.rows()[2], "alice: hi bob");

    interrupt_and_check_terminal(&mut bob);
    alice.wait_for_text("bob has left the chat");
    // The server goes away: the client says so, ends, and gives the terminal back.
    server.interrupt();
    server.wait(EXIT).assert_success();
    alice.wait_for_text("Server closed connection.");
    assert!(alice.wait(EXIT).success());
    alice.assert_given_back();
}

#[test]
fn listing_8_14_says_in_one_line_that_the_server_is_down() {
    let port = closed_port().to_string();
    let mut client = in_terminal("listing_8_14", &["--port", &port]);
    client.wait_for_text("Enter username: ");
    client.type_keys("alice\n");
    client.wait_for_text("Error: cannot connect to 127.0.0.1:");
    assert_eq!(client.wait(EXIT).code(), Some(1));
    client.assert_given_back();
}

#[test]
fn chat_benchmark_measures_each_size_with_nobody_dropped() {
    // The Python side needs python3; the comparison's smoke test runs it (`compare_smoke`).
    let out = Example::new("chat_benchmark")
        .real_clock()
        .args(["--clients", "20,50", "--messages", "2"])
        .timeout(Duration::from_secs(60))
        .run();
    out.assert_success();
    let rows: Vec<Vec<&str>> = out
        .lines()
        .iter()
        .skip(1)
        .map(|row| row.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 2, "{}", out.stdout);
    for (row, users) in rows.iter().zip(["20", "50"]) {
        // server, users, join time, "s", median, "ms", worst, "ms", memory, "MB", dropped
        assert_eq!(row.len(), 11, "{}", out.stdout);
        assert_eq!((row[0], row[1], row[10]), ("listing_8_13", users, "0"));
        let median: f64 = row[4].parse().unwrap();
        let worst: f64 = row[6].parse().unwrap();
        assert!(median > 0.0 && median <= worst, "{}", out.stdout);
    }
}
