//! "Beginning Python programming, part 13": the raw-TCP JSON server, the executor fan-out and
//! the shared buffer, run as programs. The server is driven from outside on the real clock.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use example_harness::tcp::{address_in, exchange};
use example_harness::{Example, check};

/// Out of file descriptors, `accept` fails: the server says so once, waits, and goes on serving
/// once descriptors are free again, instead of exiting.
#[test]
fn part13_json_server_survives_running_out_of_file_descriptors() {
    let (mut server, port) = Example::new("part13_json_server")
        .real_clock()
        .open_file_limit(32)
        .spawn_on_free_port();
    // Room for a burst of a thousand clients, not `TcpListener::bind`'s 128.
    server.assert_listen_queue_holds_a_burst();
    // Each silent client holds a descriptor (for the server's 10 s read deadline).
    let silent: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    server.assert_running_after(Duration::from_secs(1));
    drop(silent);

    let mut client = example_harness::tcp::Connection::to_port(port);
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let answer = client.read_to_end().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer:?}");

    server.interrupt();
    let out = server.wait(Duration::from_secs(5));
    out.assert_success();
    let failures = out.stderr.matches("accept failed").count();
    assert_eq!(failures, 1, "{}", out.stderr);
}

#[test]
fn part13_json_server_answers_while_others_misbehave_and_stops_on_ctrl_c() {
    let mut server = Example::new("part13_json_server")
        .real_clock()
        .args(["--port", "0"])
        .spawn();
    let addr = address_in(&server.wait_for_line("Serving on"));

    // A client that connects and says nothing holds a task, not the server.
    let _silent = TcpStream::connect(addr).unwrap();
    // A client that leaves half-way through its request.
    let mut leaver = TcpStream::connect(addr).unwrap();
    leaver.write_all(b"GET / HT").unwrap();
    drop(leaver);
    // Garbage is not parsed: it gets the same JSON as anything else, like the article's.
    let garbage = exchange(addr, b"\x00\xff not http\r\n\r\n");
    assert!(garbage.starts_with("HTTP/1.1 200 OK\r\n"), "{garbage:?}");

    let answer = exchange(addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(
        answer.starts_with("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"),
        "{answer}"
    );
    let body = answer.split("\r\n\r\n").nth(1).unwrap();
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(json["name"], "Ada Lovelace");

    server.interrupt();
    let out = server.wait(Duration::from_secs(5));
    out.assert_success();
    assert!(
        out.stdout.ends_with("Stopping web server\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn part13_executor_gathers_300_blocking_jobs_in_order() {
    check("part13_executor");
    let out = Example::new("part13_executor").arg("--verbose").run();
    out.assert_success();
    assert_eq!(out.lines().len(), 300 * 100 + 1);
    assert!(out.lines().contains(&"run 299: 99"));
}

#[test]
fn part13_shared_buffer_sees_whole_values() {
    check("part13_shared_buffer");
}

/// The racy version the header shows must not compile, for the reason the header gives.
#[test]
fn part13_shared_buffer_racy_version_does_not_compile() {
    let source =
        std::fs::read_to_string(example_harness::source_path("part13_shared_buffer")).unwrap();
    let racy: String = source
        .lines()
        .map_while(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .skip_while(|line| *line != "```rust,compile_fail")
        .skip(1)
        .take_while(|line| *line != "```")
        .map(|line| format!("    {line}\n"))
        .collect();
    assert!(
        racy.contains("std::thread::scope"),
        "no compile_fail block in the header"
    );
    let program = format!(
        "#[allow(dead_code)]\nenum Buffer {{\n    Int(i64),\n    Text(String),\n}}\n\nfn main() {{\n{racy}}}\n"
    );
    let scratch = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("racy-buffer");
    std::fs::create_dir_all(&scratch).unwrap();
    let file = scratch.join("racy.rs");
    std::fs::write(&file, program).unwrap();
    let out = std::process::Command::new("rustc")
        .args(["--edition", "2024", "--emit=metadata", "--out-dir"])
        .arg(&scratch)
        .arg(&file)
        .output()
        .expect("running rustc");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "the racy version compiles:\n{stderr}"
    );
    assert!(stderr.contains("error[E0499]"), "{stderr}");
}
