//! What every server of the book's chapters does the same way, whatever its listing teaches:
//! started with `--port 0` it says on stderr which port it got (its stdout stays the book's),
//! and a port already taken is one error line that names the address.

use std::net::TcpListener;
use std::time::Duration;

use example_harness::Example;

/// The book's servers whose stdout does not say where they listen. (Some end by themselves, 3.4
/// at once, 3.5 at its first `accept`; the others are stopped with Ctrl-C.)
const SERVERS: [&str; 19] = [
    "listing_3_1",
    "listing_3_2",
    "listing_3_3",
    "listing_3_5",
    "listing_3_6",
    "listing_3_7",
    "listing_3_8",
    "listing_3_10",
    "listing_4_1",
    "listing_8_12",
    "listing_8_13",
    "listing_9_6",
    "listing_9_7",
    "listing_11_12",
    "listing_14_2",
    "listing_14_4",
    "listing_14_10",
    "listing_14_13",
    "listing_3_4",
];

#[test]
fn a_server_on_any_free_port_says_which_on_stderr() {
    for name in SERVERS {
        let mut server = Example::new(name)
            .real_clock()
            .args(["--port", "0"])
            .spawn();
        let said = server.wait_for_stderr_line("listening on ");
        let port: u16 = said
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("{name}: {said}"));
        assert!(port > 0, "{name}: {said}");
        server.interrupt();
        let out = server.wait(Duration::from_secs(10));
        assert!(
            !out.stdout.contains(&port.to_string()),
            "{name} printed its port on stdout: {}",
            out.stdout
        );
    }
}

#[test]
fn a_port_already_taken_is_one_line_that_names_the_address() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    for name in SERVERS {
        let out = Example::new(name)
            .real_clock()
            .args(["--port", &port])
            .run();
        out.assert_clean_failure();
        assert_eq!(
            out.stderr.lines().next().unwrap_or_default(),
            format!(
                "Error: cannot listen on 127.0.0.1:{port}: Address already in use (os error 98)"
            ),
            "{name}"
        );
    }
}

/// The servers the book builds on `asyncio.start_server` go on past the open-file limit, as
/// asyncio's: a failed `accept` is logged once and retried, and the next client is served once
/// descriptors are free again. (The book's servers built on `sock_accept` or a selector end
/// there, as the book's do, and their headers say so.)
#[test]
fn the_start_server_servers_survive_the_open_file_limit() {
    for name in [
        "listing_11_12",
        "listing_14_2",
        "listing_14_4",
        "listing_8_12",
        "listing_8_13",
    ] {
        let (mut server, port) = Example::new(name)
            .real_clock()
            .open_file_limit(32)
            .spawn_on_free_port();
        // Each silent client holds a descriptor: more of them than the limit allows.
        let silent: Vec<std::net::TcpStream> = (0..40)
            .map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap())
            .collect();
        server.assert_running_after(Duration::from_secs(1));
        drop(silent);

        let mut client = example_harness::tcp::Connection::to_port(port);
        let said = if name == "listing_8_13" {
            "CONNECT hi\r\n"
        } else {
            "hi\r\n"
        };
        client.send(said).unwrap();
        client.finish_sending().unwrap();
        let answer = client.read_to_end().unwrap();
        match name {
            "listing_14_4" => assert_eq!(answer, "hi\r\n", "{name}"),
            "listing_8_12" => assert_eq!(
                answer, "Welcome! 1 user(s) are online!\nNew user connected!\nhi\r\n",
                "{name}"
            ),
            "listing_8_13" => assert_eq!(
                answer, "Welcome! 1 user(s) are online!\nhi connected!\n",
                "{name}"
            ),
            _ => {
                server.wait_for_line("hi");
            }
        }
        server.interrupt();
        let out = server.wait(Duration::from_secs(10));
        let failures = out.stderr.matches("accept failed").count();
        assert_eq!(failures, 1, "{name}: {}", out.stderr);
    }
}
