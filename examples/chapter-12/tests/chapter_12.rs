//! Chapter 12, "Asynchronous queues": the checkout lines, the order applications, the crawler
//! and the priority and LIFO queues. Everything in-process runs under the paused clock (the
//! random listings with `--seed`, so their transcripts are fixed); the two web applications are
//! started as programs and sent orders over HTTP.

use std::time::Duration;

use example_harness::tcp::Connection;
use example_harness::{Example, Running, check};

#[test]
fn listing_12_1_three_cashiers_check_out_every_customer() {
    check("listing_12_1");
    let out = Example::new("listing_12_1").args(["--seed", "7"]).run();
    out.assert_success();
    for customer in 0..10 {
        let done = format!(" finished checking out customer {customer}");
        assert_eq!(
            out.stdout.matches(&format!("{done}\n")).count(),
            1,
            "{}",
            out.stdout
        );
    }
}

#[test]
fn listing_12_2_a_full_line_holds_the_generator_back() {
    check("listing_12_2");
    // Over a minute the line fills up: some `put`s wait for a cashier to free a place.
    let out = Example::new("listing_12_2")
        .args(["--seed", "3", "--seconds", "60"])
        .run();
    out.assert_success();
    let lines = out.lines();
    let held_back = lines
        .windows(2)
        .filter(|pair| {
            pair[0] == "Waiting to put customer in line..." && pair[1] != "Customer put in line!"
        })
        .count();
    assert!(held_back > 0, "the line never filled up:\n{}", out.stdout);
    out.assert_elapsed(Duration::from_secs(60), Duration::from_millis(5));
}

/// Sends `POST /order` with `body` and returns the answer's body.
fn order(port: u16, body: &str) -> String {
    let mut connection = Connection::to_port(port);
    connection
        .send(format!(
            "POST /order HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ))
        .unwrap();
    let answer = connection.read_to_end().unwrap();
    answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned()
}

fn start(name: &str, seed: &str) -> (Running, u16) {
    let mut app = Example::new(name)
        .real_clock()
        .args(["--seed", seed, "--port", "0"])
        .spawn();
    let port = app.listening_port(Duration::from_secs(10));
    (app, port)
}

#[test]
fn listing_12_3_takes_orders_and_drains_the_queue_on_ctrl_c() {
    let (mut app, port) = start("listing_12_3", "1");
    assert_eq!(order(port, ""), "Order placed!");
    app.wait_for_line("Worker 0: Processed order 4");
    app.interrupt();
    let out = app.wait(Duration::from_secs(15));
    out.assert_matches_header_on_port(8080, port);
}

#[test]
fn listing_12_3_shutdown_waits_for_the_queued_orders() {
    let (app, port) = start("listing_12_3", "4");
    for _ in 0..7 {
        assert_eq!(order(port, ""), "Order placed!");
    }
    app.interrupt();
    let out = app.wait(Duration::from_secs(15));
    out.assert_success();
    // Every order was processed before the workers were cancelled.
    assert_eq!(
        out.stdout.matches(": Processed order ").count(),
        7,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("Finished all pending items, canceling worker tasks...\n")
    );
}

#[test]
fn listing_12_7_power_users_jump_the_queue() {
    let (mut app, port) = start("listing_12_7", "1");
    assert_eq!(order(port, r#"{"power_user": "True"}"#), "Order placed!");
    app.wait_for_line("Worker 0: Processed order");
    app.interrupt();
    let out = app.wait(Duration::from_secs(15));
    out.assert_matches_header_on_port(8080, port);

    // With seed 4 the first five orders take 2 or 3 s: every worker is busy when a sixth,
    // normal order and then a power user's arrive. The power user's goes first.
    let (mut app, port) = start("listing_12_7", "4");
    for _ in 0..6 {
        order(port, r#"{"power_user": "False"}"#);
    }
    order(port, r#"{"power_user": "True"}"#);
    app.wait_for_line("Processed order");
    let next = app.wait_for_line("Processing order");
    assert!(next.contains("POWER_USER"), "{next}");
    app.interrupt();
    app.wait(Duration::from_secs(15)).assert_success();
}

#[test]
fn listing_12_7_refuses_a_body_that_is_not_an_order() {
    let (app, port) = start("listing_12_7", "1");
    let mut connection = Connection::to_port(port);
    connection
        .send("POST /order HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno")
        .unwrap();
    let answer = connection.read_to_end().unwrap();
    assert!(answer.starts_with("HTTP/1.1 415 "), "{answer}");
    drop(app);
}

#[test]
fn listing_12_4_crawls_the_site_to_its_maximum_depth() {
    let out = check("listing_12_4");
    assert_eq!(
        out.stderr
            .matches("Error processing url http://127.0.0.1:1/offline")
            .count(),
        1,
        "{}",
        out.stderr
    );
    // The book's hundred workers and depth 3: the cycle is walked again, and the crawl ends.
    let out = Example::new("listing_12_4").run();
    out.assert_success();
    // At depth 3 only `about` and `news` are left, reached again through the cycle.
    assert_eq!(
        out.stdout.matches("Max depth reached").count(),
        2,
        "{}",
        out.stdout
    );
}

#[test]
fn listing_12_5_tuples_come_out_smallest_first() {
    check("listing_12_5");
}

#[test]
fn listing_12_6_work_items_compare_by_priority() {
    check("listing_12_6");
}

#[test]
fn listing_12_8_equal_priorities_come_out_as_python_s_heap_gives_them() {
    check("listing_12_8");
}

#[test]
fn listing_12_9_an_order_field_breaks_the_ties() {
    check("listing_12_9");
}

#[test]
fn listing_12_10_last_in_first_out() {
    check("listing_12_10");
}
