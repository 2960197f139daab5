//! Chapter 4, "Concurrent web requests": sessions, timeouts, gather, as_completed and wait.
//!
//! The requests go to the local stand-in for the internet (`crates/internet`), which runs on
//! the example's own runtime: under the paused clock its latency (0.5 s) and its millisecond
//! between answers are exact, and so is every transcript and timing claim. 4.1 is a server,
//! talked to by a client on the real clock.

use std::time::Duration;

use example_harness::tcp::Connection;
use example_harness::{Example, check};

#[test]
fn listing_4_1_the_context_manager_accepts_reads_and_closes() {
    let (server, port) = Example::from_header("listing_4_1")
        .real_clock()
        .spawn_on_free_port();
    let mut client = Connection::to_port(port);
    client.send("hello\r\n").unwrap();
    // Closed on the way out of the "context manager".
    assert_eq!(client.read_to_end().unwrap(), "");
    let out = server.wait(Duration::from_secs(10));
    out.assert_matches_header_on_port(8000, port);
}

#[test]
fn listing_4_2_one_timed_get() {
    check("listing_4_2");
}

#[test]
fn listing_4_3_a_ten_millisecond_timeout_fires() {
    check("listing_4_3");
}

#[test]
fn listing_4_4_awaiting_in_the_loop_takes_nine_seconds() {
    check("listing_4_4");
}

#[test]
fn listing_4_5_spawning_first_takes_three() {
    check("listing_4_5");
}

#[test]
fn listing_4_6_gathers_the_requests_in_about_one_latency() {
    check("listing_4_6");
    let out = Example::new("listing_4_6").run();
    out.assert_success();
    let lines = out.lines();
    let starts = lines
        .iter()
        .filter(|l| l.starts_with("starting fetch_status"))
        .count();
    let ends = lines
        .iter()
        .filter(|l| l.starts_with("finished fetch_status"))
        .count();
    assert_eq!((starts, ends), (1000, 1000));
    assert_eq!(
        lines[lines.len() - 2],
        format!("[{}]", vec!["200"; 1000].join(", "))
    );
    // 0.5 s of latency and 999 ms of stagger: not 1,000 times 0.5 s.
    out.assert_elapsed(Duration::from_millis(1499), Duration::from_millis(5));
}

#[test]
fn listing_4_7_gather_keeps_the_order_of_its_arguments() {
    check("listing_4_7");
}

#[test]
fn listing_4_8_as_completed_yields_in_finishing_order() {
    check("listing_4_8");
}

#[test]
fn listing_4_9_as_completed_times_out_and_leaves_the_tasks_running() {
    check("listing_4_9");
}

#[test]
fn listing_4_10_wait_for_all() {
    check("listing_4_10");
}

#[test]
fn listing_4_11_wait_with_a_failing_request_logs_it() {
    let out = check("listing_4_11");
    assert!(
        out.stderr.contains("ERROR")
            && out.stderr.contains("Request got an exception")
            && out
                .stderr
                .contains("\"python://bad\" is not an http:// URL"),
        "{}",
        out.stderr
    );
}

#[test]
fn listing_4_12_wait_stops_at_the_first_exception_and_cancels_the_rest() {
    let out = check("listing_4_12");
    assert!(
        out.stderr.contains("Request got an exception"),
        "{}",
        out.stderr
    );
}

#[test]
fn listing_4_13_wait_returns_at_the_first_completed() {
    check("listing_4_13");
}

#[test]
fn listing_4_14_a_wait_loop_handles_each_result_as_it_comes() {
    check("listing_4_14");
}

#[test]
fn listing_4_15_wait_with_a_timeout_leaves_the_slow_one_pending() {
    check("listing_4_15");
}

#[test]
fn listing_4_16_the_slow_api_is_recognised_and_cancelled() {
    check("listing_4_16");
}

/// A thousand requests need a thousand connections, and so a thousand open files: past the
/// limit the error says so, not that the server may be down.
#[test]
fn listing_4_6_past_the_open_file_limit_says_so() {
    let out = Example::new("listing_4_6")
        .real_clock()
        .args(["--requests", "300"])
        .open_file_limit(64)
        .run();
    out.assert_clean_failure();
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("reached its open-file limit") && !out.stderr.contains("running?"),
        "{}",
        out.stderr
    );
}
