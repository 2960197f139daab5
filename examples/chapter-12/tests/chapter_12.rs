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

/// `POST /order` with `body`, the content type `content_type`: the status line of the answer.
fn status_of_order(port: u16, content_type: &str, body: &str) -> String {
    let mut connection = Connection::to_port(port);
    connection
        .send(format!(
            "POST /order HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ))
        .unwrap();
    let answer = connection.read_to_end().unwrap();
    answer.lines().next().unwrap_or_default().to_owned()
}

/// The body is read as JSON whatever its content type, as aiohttp reads it (`curl -d` sends a
/// form's), and a body that is not an order is a client error, not a crash.
#[test]
fn listing_12_7_reads_any_json_body_and_refuses_what_is_not_an_order() {
    let (app, port) = start("listing_12_7", "1");
    let form = "application/x-www-form-urlencoded";
    let order = r#"{"power_user": "True"}"#;
    assert_eq!(status_of_order(port, form, order), "HTTP/1.1 200 OK");
    assert_eq!(
        status_of_order(port, "application/json", "no"),
        "HTTP/1.1 400 Bad Request"
    );
    assert_eq!(
        status_of_order(port, "application/json", r#"{"power": 1}"#),
        "HTTP/1.1 422 Unprocessable Entity"
    );
    drop(app);
}

/// A client that sends half a request and waits holds neither the application's Ctrl-C nor a
/// connection for ever: the stop takes the shutdown hook's time (no order is queued: at once),
/// and a second Ctrl-C ends a stop that would take long at once.
#[test]
fn listings_12_3_and_12_7_stop_on_ctrl_c_whatever_their_clients_do() {
    for name in ["listing_12_3", "listing_12_7"] {
        let (app, port) = start(name, "1");
        let mut half = Connection::to_port(port);
        half.send("POST /order HTTP/1.1\r\nHost: x\r\n").unwrap();
        app.interrupt();
        let out = app.wait(Duration::from_secs(5));
        out.assert_success();
        assert!(
            out.wall < Duration::from_secs(3),
            "{name} took {:?}",
            out.wall
        );
    }
    // Two orders of 4 s each (seed 1), then Ctrl-C: the hook would wait for them; a second
    // Ctrl-C does not.
    let (mut app, port) = start("listing_12_3", "1");
    assert_eq!(order(port, ""), "Order placed!");
    app.wait_for_line("Processing order");
    app.interrupt();
    app.wait_for_line("Waiting for pending queue workers to finish");
    app.interrupt();
    let out = app.wait(Duration::from_secs(2));
    assert_eq!(out.code, Some(130), "{}", out.stdout);
}

/// SIGTERM, what `kill`, a container's stop and a service manager send, stops the application
/// as Ctrl-C does: the orders already taken are processed before it ends.
#[test]
fn listing_12_3_processes_the_orders_it_took_before_sigterm() {
    let (app, port) = start("listing_12_3", "4");
    for _ in 0..6 {
        assert_eq!(order(port, ""), "Order placed!");
    }
    app.terminate();
    let out = app.wait(Duration::from_secs(15));
    out.assert_success();
    assert_eq!(
        out.stdout.matches(": Processed order ").count(),
        6,
        "{}",
        out.stdout
    );
}

/// A full queue holds the requests that wait for room (the book's back-pressure); Ctrl-C then
/// ends the application within the hook's 10 s, the waiting requests with it.
#[test]
fn listing_12_3_stops_within_its_bound_with_requests_waiting_on_a_full_queue() {
    let (app, port) = start("listing_12_3", "4");
    // Five orders being processed and ten queued fill the queue; thirty more wait.
    let clients: Vec<std::thread::JoinHandle<Option<String>>> = (0..45)
        .map(|_| {
            std::thread::spawn(move || {
                let mut connection = Connection::to_port(port);
                connection.set_read_timeout(Duration::from_secs(30));
                let request = "POST /order HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
                connection.send(request).ok()?;
                connection.read_to_end().ok()
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let stopping = std::time::Instant::now();
    app.interrupt();
    let out = app.wait(Duration::from_secs(20));
    out.assert_success();
    let took = stopping.elapsed();
    assert!(took < Duration::from_secs(12), "the stop took {took:?}");
    let placed = clients
        .into_iter()
        .filter_map(|client| client.join().unwrap())
        .filter(|answer| answer.ends_with("Order placed!"))
        .count();
    assert!(placed < 45, "every request was answered: {placed}");
}

/// `--url` is the page the crawl starts at, as `--help` says: a page given with a path is
/// fetched as it is, not with the stand-in's `/crawl/` glued to it.
#[test]
fn listing_12_4_starts_at_the_page_url_names() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let start = format!("http://{}/page.html", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0; 1024];
            let _ = stream.read(&mut request);
            let page = "<html><body>no links</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    let out = Example::new("listing_12_4")
        .real_clock()
        .args(["--url", &start, "--max-depth", "1"])
        .run();
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("Processing {start}\n")),
        "{}",
        out.stdout
    );
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
