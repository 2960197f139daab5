//! Chapter 7, "Handling blocking work with threads": every listing, on the real clock (the
//! work is done by threads that block, whose time tokio's paused clock cannot move).
//!
//! The request listings run against the local stand-in on its own thread, with fewer requests
//! and a shorter latency than the book's where the claim survives it; their claims are bounds
//! a busy machine keeps (six at a time takes at least so long, all at once at most so long).
//! The deadlocks are tested as hanging: their lines seen, still alive seconds later, killed.

use std::time::{Duration, Instant};

use example_harness::tcp::Connection;
use example_harness::{Example, Output, Running, check_on_the_real_clock};

/// Starts a server example on a free port and returns it with the port.
fn start_server(name: &str) -> (Running, u16) {
    Example::new(name).real_clock().spawn_on_free_port()
}

/// Sends `line` and reads its echo, without the line end.
fn echo(client: &mut Connection, line: &str) -> String {
    client.send(format!("{line}\n")).unwrap();
    let echoed = client.read_line().unwrap().expect("an echo");
    echoed.trim_end().to_owned()
}

/// A thread per client: a second client is served while the first holds its connection open,
/// and a client that leaves ends its thread (the book's would spin on `b''` for ever).
#[test]
fn listing_7_1_serves_each_client_on_a_thread_of_its_own() {
    let (mut server, port) = start_server("listing_7_1");
    let mut first = Connection::to_port(port);
    let mut second = Connection::to_port(port);
    assert_eq!(echo(&mut second, "from the second"), "from the second");
    assert_eq!(echo(&mut first, "from the first"), "from the first");
    server.wait_for_line("Received b'from the second\\n', sending!");
    server.wait_for_line("Received b'from the first\\n', sending!");

    drop(first);
    drop(second);
    let busy = server.cpu_time_over(Duration::from_millis(500));
    assert!(
        busy < Duration::from_millis(200),
        "{busy:?} of CPU after the clients left"
    );
}

/// Ctrl-C: each client still connected gets `Shutting down!` and then the end of its
/// connection; each thread says why it stopped, and the server ends.
#[test]
fn listing_7_2_tells_its_clients_when_it_stops() {
    let (mut server, port) = start_server("listing_7_2");
    let mut clients = [Connection::to_port(port), Connection::to_port(port)];
    assert_eq!(echo(&mut clients[0], "hello"), "hello");
    assert_eq!(echo(&mut clients[1], "there"), "there");
    server.wait_for_line("Received b'there\\n', sending!");

    server.interrupt();
    for client in &mut clients {
        client.set_read_timeout(Duration::from_secs(30));
        assert_eq!(client.read_to_end().unwrap(), "Shutting down!");
    }
    let out = server.wait(Duration::from_secs(30));
    out.assert_success();
    let lines = out.lines();
    let shutting_down = lines.iter().position(|line| *line == "Shutting down!");
    let interrupted = lines
        .iter()
        .filter(|line| {
            **line == "Thread interrupted by Connection closed! exception, shutting down!"
        })
        .count();
    assert!(shutting_down.is_some(), "{}", out.stdout);
    assert_eq!(interrupted, 2, "{}", out.stdout);
}

#[test]
fn listing_7_3_gets_twice() {
    check_on_the_real_clock("listing_7_3");
}

/// Runs a request listing with `args` and returns its output and the statuses it printed in
/// Python's list form (`[200, 200]`), or one per line.
fn statuses(out: &Output) -> Vec<u16> {
    out.stdout
        .lines()
        .flat_map(|line| {
            let list = line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'));
            let items: Vec<&str> = match list {
                Some(list) => list.split(", ").collect(),
                None => vec![line],
            };
            items
                .into_iter()
                .filter_map(|item| item.parse().ok())
                .collect::<Vec<u16>>()
        })
        .collect()
}

fn run_requests(name: &str, requests: usize, latency: &str) -> Output {
    let out = Example::new(name)
        .real_clock()
        .args(["--requests", &requests.to_string(), "--latency", latency])
        .run();
    out.assert_success();
    assert_eq!(statuses(&out), vec![200; requests], "{}", out.stdout);
    out
}

/// A hundred requests at once on a hundred threads: about one request's 0.5 s (and the
/// stand-in's stagger), far from the 50 s of one after the other.
#[test]
fn listing_7_4_waits_for_a_hundred_requests_together() {
    let out = run_requests("listing_7_4", 100, "0.5");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("finished requests in ")
    );
    assert!(out.wall < Duration::from_secs(10), "{:?}", out.wall);
}

/// Python's default pool, six threads on two CPUs: 60 requests of 0.1 s go six at a time, so
/// they take at least a second, however fast the machine.
#[test]
fn listing_7_5_goes_as_many_at_a_time_as_the_default_pool_has_threads() {
    let out = run_requests("listing_7_5", 60, "0.1");
    let cpus = std::thread::available_parallelism().unwrap().get();
    let threads = (cpus + 4).min(32);
    let rounds = 60usize.div_ceil(threads) as f64;
    let at_least = Duration::from_secs_f64(rounds * 0.1);
    assert!(out.wall >= at_least, "{:?} < {at_least:?}", out.wall);
    assert!(out.stdout.starts_with("starting main with args ()\n"));
}

/// tokio's default executor grows to 512 threads: 200 requests of 0.5 s all wait at once, in
/// well under the 17 s that six at a time would take.
#[test]
fn listing_7_6_and_7_7_run_in_tokios_blocking_pool() {
    for name in ["listing_7_6", "listing_7_7"] {
        let out = run_requests(name, 200, "0.5");
        assert!(out.wall < Duration::from_secs(8), "{name}: {:?}", out.wall);
    }
}

/// The reporter prints rising counts under the lock while 30 requests go six at a time.
#[test]
fn listing_7_8_reports_the_locked_count() {
    let out = run_requests("listing_7_8", 30, "0.2");
    let done: Vec<usize> = out
        .lines()
        .iter()
        .filter_map(|line| line.strip_prefix("Finished "))
        .map(|rest| rest.strip_suffix("/30 requests").unwrap().parse().unwrap())
        .collect();
    assert!(done.len() >= 2, "{}", out.stdout);
    assert_eq!(done[0], 0, "{}", out.stdout);
    assert!(
        done.is_sorted() && done.iter().all(|&count| count < 30),
        "{}",
        out.stdout
    );
}

/// A server that is down: each request listing ends with one line that names it, and none
/// waits for requests that will never be counted (7.8's reporter).
#[test]
fn the_request_listings_say_when_the_server_is_down() {
    let down = format!("http://127.0.0.1:{}/", example_harness::tcp::closed_port());
    for name in [
        "listing_7_3",
        "listing_7_4",
        "listing_7_5",
        "listing_7_6",
        "listing_7_7",
        "listing_7_8",
    ] {
        let out = Example::new(name)
            .real_clock()
            .args(["--url", &down])
            .timeout(Duration::from_secs(60))
            .run();
        out.assert_clean_failure();
        assert!(
            out.stderr.contains(&format!("GET {down}")),
            "{name}: {}",
            out.stderr
        );
    }
}

/// A deadlocked example: its lines, then still running two seconds later (the harness kills
/// it when `running` is dropped).
fn assert_hangs_after(name: &str, lines: &[&str]) {
    let mut running = Example::new(name).real_clock().spawn();
    for line in lines {
        running.wait_for_line(line);
    }
    running.assert_running_after(Duration::from_secs(2));
}

#[test]
fn listing_7_9_deadlocks_on_its_own_lock() {
    assert_hangs_after(
        "listing_7_9",
        &[
            "Acquired lock.",
            "Summing rest of list.",
            "Waiting to acquire lock...",
        ],
    );
}

#[test]
fn listing_7_10_deadlocks_without_a_word() {
    let mut running = Example::new("listing_7_10").real_clock().spawn();
    running.assert_running_after(Duration::from_secs(2));
    running.interrupt();
    let out = running.wait(Duration::from_secs(10));
    assert_eq!(out.stdout, "");
}

#[test]
fn listing_7_11_deadlocks_on_two_locks() {
    assert_hangs_after(
        "listing_7_11",
        &[
            "Acquired lock a from method a!",
            "Acquired lock b from method b!",
        ],
    );
}

#[test]
fn the_fixed_listings_finish() {
    for name in [
        "listing_7_9_fixed",
        "listing_7_10_fixed",
        "listing_7_11_fixed",
    ] {
        check_on_the_real_clock(name);
    }
}

/// The seconds a listing printed alone on its line.
fn seconds_printed(out: &Output) -> f64 {
    out.stdout
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("not seconds: {}", out.stdout))
}

#[test]
fn listing_7_16_hashes_in_sequence() {
    let out = Example::new("listing_7_16")
        .real_clock()
        .args(["--passwords", "5"])
        .run();
    out.assert_success();
    assert!(seconds_printed(&out) > 0.0);
}

/// The pool's threads hash at the same time: at some moment two or more of them want the CPU.
#[test]
fn listing_7_17_hashes_on_several_threads_at_once() {
    let running = Example::new("listing_7_17")
        .real_clock()
        .args(["--passwords", "40"])
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut most = 0;
    while let Some(threads) = running.threads_wanting_the_cpu() {
        most = most.max(threads);
        if most >= 2 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = running.wait(Duration::from_secs(120));
    out.assert_success();
    assert!(
        out.stdout.starts_with("starting main with args ()\n"),
        "{}",
        out.stdout
    );
    assert!(
        most >= 2,
        "never more than {most} thread(s) hashing at once"
    );
}

#[test]
fn listing_7_18_and_7_19_take_the_row_means() {
    let small = ["--data-points", "5000000"];
    let out = Example::new("listing_7_18").real_clock().args(small).run();
    out.assert_success();
    assert!(seconds_printed(&out) >= 0.0);
    let out = Example::new("listing_7_19").real_clock().args(small).run();
    out.assert_success();
    assert!(
        out.stdout
            .starts_with("starting main with args ()\nfinished main in ")
    );
}

/// The book's size, or any size past the memory available, is refused in one line.
#[test]
fn an_array_that_does_not_fit_is_refused() {
    for name in ["listing_7_18", "listing_7_19"] {
        let out = Example::new(name)
            .real_clock()
            .args(["--data-points", "40000000000000"])
            .run();
        out.assert_clean_failure();
        assert!(
            out.stderr.contains("ask for fewer with --data-points"),
            "{}",
            out.stderr
        );
    }
}

/// A thousand requests need about two thousand open files; a limit of 1,024 is refused in one
/// line that says what to do, rather than failing in the middle.
#[test]
fn too_many_requests_for_the_open_file_limit_are_refused() {
    let out = Example::new("listing_7_4")
        .real_clock()
        .open_file_limit(1024)
        .run();
    out.assert_clean_failure();
    assert!(
        out.stderr.contains("ask for fewer with --requests"),
        "{}",
        out.stderr
    );
}
