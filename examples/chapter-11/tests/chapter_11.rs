//! Chapter 11, "Synchronization": races without threads, then Lock, Semaphore,
//! BoundedSemaphore, Event and Condition. Everything but the upload server runs in-process
//! under the paused clock, so transcripts and timings are exact; the transcripts were compared
//! line for line with the Python originals' output.

use std::time::Duration;

use example_harness::tcp::Connection;
use example_harness::{Example, check, header};

#[test]
fn listing_11_1_a_thousand_rounds_all_reach_100() {
    let out = Example::new("listing_11_1").run();
    out.assert_success();
    assert_eq!(out.lines(), vec!["Counter is 100"; 1000]);
    out.assert_elapsed(Duration::from_secs(10), Duration::from_millis(5));
}

#[test]
fn listing_11_2_the_lost_update_fails_the_assertion() {
    check("listing_11_2");
}

#[test]
fn listing_11_3_sending_on_a_closed_socket_fails() {
    check("listing_11_3");
}

#[test]
fn listing_11_4_the_lock_serialises_the_critical_sections() {
    check("listing_11_4");
}

#[test]
fn listing_11_5_the_lock_keeps_the_user_list_whole() {
    check("listing_11_5");
}

#[test]
fn listing_11_6_two_permits_four_operations() {
    check("listing_11_6");
}

#[test]
fn listing_11_7_at_most_ten_requests_in_flight() {
    check("listing_11_7");
    let out = Example::new("listing_11_7")
        .args(["--requests", "100"])
        .run();
    out.assert_success();
    let (mut in_flight, mut most) = (0, 0);
    for line in out.lines() {
        match line {
            "Acquired semaphore, requesting..." => in_flight += 1,
            "Finished requesting" => in_flight -= 1,
            _ => {}
        }
        most = most.max(in_flight);
    }
    assert_eq!(most, 10, "{}", out.stdout);
    // Ten waves of 0.5 s, each 9 ms of stagger longer at most.
    let elapsed = out.elapsed();
    assert!(
        (Duration::from_secs(5)..Duration::from_millis(5100)).contains(&elapsed),
        "{elapsed:?}"
    );
}

#[test]
fn listing_11_8_an_extra_release_lets_three_in() {
    check("listing_11_8");
}

#[test]
fn listing_11_9_a_bounded_semaphore_refuses_the_extra_release() {
    check("listing_11_9");
}

#[test]
fn listing_11_10_a_callback_sets_the_event_after_five_seconds() {
    check("listing_11_10");
}

#[test]
fn listing_11_12_prints_each_upload_when_its_client_is_done() {
    let (mut server, port) = Example::new("listing_11_12")
        .real_clock()
        .spawn_on_free_port();
    let mut first = Connection::to_port(port);
    let mut second = Connection::to_port(port);
    first.send("my ").unwrap();
    second.send("second upload").unwrap();
    first.send("file\r\n").unwrap();
    // The server keeps serving while the clients are still sending.
    server.assert_running_after(Duration::from_millis(300));
    second.finish_sending().unwrap();
    assert_eq!(second.read_to_end().unwrap(), "");
    // Printed by another task once the upload's event is set: wait for it.
    server.wait_for_line("b'second upload'");
    first.finish_sending().unwrap();
    assert_eq!(first.read_to_end().unwrap(), "");
    server.wait_for_line("b'my file");
    server.interrupt();
    let out = server.wait(Duration::from_secs(10));
    // In the order the uploads completed; the header's line is the first client's.
    assert_eq!(out.lines(), ["b'second upload'", "b'my file\\r\\n'"]);
    assert_eq!(header("listing_11_12").transcript, "b'my file\\r\\n'\n");
}

#[test]
fn listing_11_13_busy_workers_miss_the_triggers() {
    check("listing_11_13");
}

#[test]
fn listing_11_14_notify_all_wakes_both_workers() {
    check("listing_11_14");
}

#[test]
fn listing_11_14_runs_until_stopped_without_rounds() {
    let out = Example::new("listing_11_14")
        .real_clock()
        .run_for(Duration::from_millis(500));
    assert_eq!(out.lines().len(), 4, "{}", out.stdout);
}

#[test]
fn listing_11_15_queries_wait_for_the_connection() {
    check("listing_11_15");
}
