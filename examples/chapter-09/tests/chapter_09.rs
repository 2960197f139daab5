//! Chapter 9, "Web applications": each REST listing is started on a free port, talked to
//! over HTTP, and stopped with Ctrl-C. The database ones run on chapter 5's throwaway
//! PostgreSQL, as the examples do by default.

use std::net::SocketAddr;
use std::time::Duration;

use example_harness::tcp::{Connection, address_in, exchange, http_request};
use example_harness::{Example, Running};

/// A web application started with `--port 0`, and where it listens.
fn start(name: &str) -> (Running, SocketAddr) {
    let mut app = Example::new(name)
        .real_clock()
        .args(["--port", "0"])
        .spawn();
    let line = app.wait_for_line("======== Running on http://");
    (app, address_in(&line))
}

/// Ctrl-C: the application stops gracefully, with the book's last line if it has one.
fn stop(app: Running, last_line: Option<&str>) {
    app.interrupt();
    let out = app.wait(Duration::from_secs(20));
    out.assert_success();
    if let Some(last_line) = last_line {
        assert_eq!(out.lines().last(), Some(&last_line), "{}", out.stdout);
    }
}

#[test]
fn listing_9_1_tells_the_time_in_json() {
    let (app, addr) = start("listing_9_1");
    let (status, body) = http_request(addr, "GET", "/time", "");
    assert_eq!(status, 200);
    let today: serde_json::Value = serde_json::from_str(&body).unwrap();
    let keys: Vec<&str> = body
        .trim_matches(['{', '}'])
        .split(',')
        .map(|pair| pair.split(':').next().unwrap().trim_matches('"'))
        .collect();
    assert_eq!(keys, ["month", "day", "time"], "{body}");
    assert!((1..=12).contains(&today["month"].as_u64().unwrap()));
    assert!((1..=31).contains(&today["day"].as_u64().unwrap()));
    let time = today["time"].as_str().unwrap();
    assert_eq!(time.len(), "05:40:12.123456".len(), "{time}");
    assert_eq!(http_request(addr, "GET", "/nothing", "").0, 404);
    stop(app, None);
}

#[test]
fn listing_9_2_serves_the_brands_from_a_pool_made_at_start_up() {
    let (app, addr) = start("listing_9_2");
    let (status, body) = http_request(addr, "GET", "/brands", "");
    assert_eq!(status, 200);
    let brands: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(brands.len(), 102, "{body}");
    assert_eq!(brands[0]["brand_id"], 1);
    assert!(brands[0]["brand_name"].is_string());
    stop(app, Some("Destroying database pool."));
}

#[test]
fn listing_9_3_finds_a_product_or_says_why_not() {
    let (app, addr) = start("listing_9_3");
    let (status, body) = http_request(addr, "GET", "/products/1", "");
    assert_eq!(status, 200, "{body}");
    let product: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(product["product_id"], 1);
    assert!(product["product_name"].is_string() && product["brand_id"].is_number());
    for (path, expected) in [
        ("/products/0", 404),
        ("/products/one", 400),
        ("/products/1.5", 400),
        ("/products/99999999999", 400),
    ] {
        let (status, body) = http_request(addr, "GET", path, "");
        assert_eq!(status, expected, "{path}: {body}");
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(error["error"].is_string(), "{path}: {body}");
    }
    stop(app, Some("Destroying database pool."));
}

#[test]
fn listing_9_4_creates_a_product_and_refuses_bad_bodies_with_400() {
    let (app, addr) = start("listing_9_4");
    let good = r#"{"product_name": "product_name", "brand_id": 1}"#;
    assert_eq!(
        http_request(addr, "POST", "/product", good),
        (201, String::new())
    );
    let as_text = r#"{"product_name": "another", "brand_id": "2"}"#;
    assert_eq!(http_request(addr, "POST", "/product", as_text).0, 201);
    for (body, says) in [
        ("", "no body"),
        ("{not json", "not JSON"),
        (
            r#"{"product_name": "x"}"#,
            "needs product_name and brand_id",
        ),
        (
            r#"{"product_name": "x", "brand_id": "one"}"#,
            "not a whole number",
        ),
        (r#"{"product_name": 7, "brand_id": 1}"#, "not a string"),
        (
            r#"{"product_name": "x", "brand_id": 99999}"#,
            "there is no brand 99999",
        ),
    ] {
        let (status, answer) = http_request(addr, "POST", "/product", body);
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(answer.contains(says), "{body}: {answer}");
    }
    stop(app, Some("Destroying database pool."));
}

#[test]
fn a_database_that_cannot_be_reached_is_one_line() {
    let out = Example::new("listing_9_2")
        .real_clock()
        .args(["--port", "0"])
        .env(
            "DATABASE_URL",
            format!(
                "postgres://postgres@127.0.0.1:{}/products",
                example_harness::tcp::closed_port()
            ),
        )
        .run();
    out.assert_clean_failure();
    assert!(
        out.stderr.contains("cannot connect to PostgreSQL"),
        "{}",
        out.stderr
    );
}

/// A server of the book's port with `--port 0`: where it listens (after its database has
/// started, for 9.8, which takes a while on a busy machine).
fn start_plain(name: &str) -> (Running, u16) {
    Example::new(name).real_clock().spawn_on_free_port()
}

#[test]
fn listing_9_6_a_thread_per_connection_calls_the_function() {
    let (server, port) = start_plain("listing_9_6");
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    // A client that sends half a request holds its own thread, not the server.
    let mut stalled = Connection::to_port(port);
    stalled.send("GET / HT").unwrap();
    let answer = exchange(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.contains("Content-Type: text/html\r\n"), "{answer}");
    assert!(answer.ends_with("\r\n\r\nWSGI hello!"), "{answer}");
    let refused = exchange(addr, "nonsense\r\n\r\n");
    assert!(refused.starts_with("HTTP/1.1 400 Bad Request"), "{refused}");
    drop(stalled);
    server.interrupt();
    server.wait(Duration::from_secs(10));
}

#[test]
fn listing_9_7_hyper_calls_the_async_function() {
    let (server, port) = start_plain("listing_9_7");
    let (status, body) = http_request(SocketAddr::from(([127, 0, 0, 1], port)), "GET", "/", "");
    assert_eq!((status, body.as_str()), (200, "ASGI hello!"));
    server.interrupt();
    server.wait(Duration::from_secs(10)).assert_success();
}

#[test]
fn listing_9_8_serves_the_same_brands_on_uvicorns_port() {
    let (server, port) = start_plain("listing_9_8");
    let (status, body) = http_request(
        SocketAddr::from(([127, 0, 0, 1], port)),
        "GET",
        "/brands",
        "",
    );
    assert_eq!(status, 200, "{body}");
    let brands: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(brands.len(), 102);
    server.interrupt();
    let out = server.wait(Duration::from_secs(20));
    out.assert_success();
    assert_eq!(out.stdout, "");
}

#[tokio::test]
async fn listing_9_9_every_page_hears_the_count_change() {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    async fn next_count<S>(page: &mut S) -> String
    where
        S: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
    {
        let message = tokio::time::timeout(Duration::from_secs(10), page.next())
            .await
            .expect("a count within 10 s")
            .expect("the socket is open")
            .expect("a message");
        message.into_text().expect("a text message").to_string()
    }

    let (server, port) = start_plain("listing_9_9");
    let url = format!("ws://127.0.0.1:{port}/counter");
    let connect = || async { tokio_tungstenite::connect_async(&url).await.unwrap().0 };

    let mut first = connect().await;
    assert_eq!(next_count(&mut first).await, "1");
    let mut second = connect().await;
    for page in [&mut first, &mut second] {
        assert_eq!(next_count(page).await, "2");
    }
    let mut third = connect().await;
    for page in [&mut first, &mut second, &mut third] {
        assert_eq!(next_count(page).await, "3");
    }
    third.close(None).await.unwrap();
    for page in [&mut first, &mut second] {
        assert_eq!(next_count(page).await, "2");
    }
    // A page that vanishes without closing counts as gone too.
    drop(second);
    assert_eq!(next_count(&mut first).await, "1");

    // The page, and what a plain GET of the socket's path gets.
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let (status, page) = http_request(addr, "GET", "/", "");
    assert_eq!(status, 200);
    assert!(
        page.contains("Users online: ") && page.contains("/counter"),
        "{page}"
    );
    assert_eq!(http_request(addr, "GET", "/counter", "").0, 426);
    first.send(Message::text("ignored")).await.unwrap();
    server.interrupt();
    server.wait(Duration::from_secs(10)).assert_success();
}

#[test]
fn listing_9_10_the_page_follows_the_count_in_a_real_browser() {
    use example_harness::browser::Browser;

    let (server, port) = start_plain("listing_9_9");
    let url = format!("http://127.0.0.1:{port}/");
    let mut browser = Browser::launch();
    let mut pages: Vec<_> = (0..3).map(|_| browser.open(&url)).collect();
    for page in &pages {
        browser.wait_for_text(page, "Users online: 3");
    }
    let closed = pages.pop().expect("three pages");
    browser.close(closed);
    for page in &pages {
        browser.wait_for_text(page, "Users online: 2");
    }
    drop(browser);
    server.interrupt();
    server.wait(Duration::from_secs(10)).assert_success();
}

#[test]
fn listing_9_5_serves_the_brands_from_one_shared_connection_to_many_threads() {
    let (server, port) = start_plain("listing_9_5");
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    // Eight requests at once: each thread waits its turn for the connection, none fails.
    let answers: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(move || http_request(addr, "GET", "/brands", "")))
        .collect();
    for answer in answers {
        let (status, body) = answer.join().unwrap();
        assert_eq!(status, 200, "{body}");
        let brands: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(brands.len(), 102);
    }
    assert_eq!(http_request(addr, "GET", "/nothing", "").0, 404);
    // Ctrl-C stops the server and removes the throwaway PostgreSQL.
    server.interrupt();
    let out = server.wait(Duration::from_secs(20));
    assert_eq!(out.code, Some(130), "{}", out.stderr);
}

#[test]
fn http_load_measures_a_server_and_says_when_it_is_down() {
    let (server, port) = start_plain("listing_9_7");
    let out = Example::new("http_load")
        .real_clock()
        .args([
            "--url",
            &format!("http://127.0.0.1:{port}/"),
            "--connections",
            "4",
        ])
        .args(["--duration", "0.5"])
        .run();
    out.assert_success();
    let lines = out.lines();
    let requests: u64 = lines[0].split_whitespace().next().unwrap().parse().unwrap();
    assert!(
        requests > 4 && lines[0].ends_with(" requests/s"),
        "{}",
        out.stdout
    );
    assert!(lines[1].starts_with("latency: p50 "), "{}", out.stdout);
    assert_eq!(lines[2], "errors: 0");
    server.interrupt();

    let closed = example_harness::tcp::closed_port();
    let down = Example::new("http_load")
        .real_clock()
        .args([
            "--url",
            &format!("http://127.0.0.1:{closed}/"),
            "--duration",
            "0.2",
        ])
        .run();
    down.assert_clean_failure();
    assert!(
        down.stderr.contains("no request to http://127.0.0.1:"),
        "{}",
        down.stderr
    );
}

/// The Django twin, its stand-in answering in 0.3 s. It listens twice (the stand-in is in the
/// same process), so its own port is the one it says on stderr.
fn start_async_views() -> (Running, SocketAddr) {
    let mut server = Example::new("async_views")
        .real_clock()
        .args(["--port", "0", "--latency", "0.3"])
        .spawn();
    let said = server.wait_for_stderr_line("listening on ");
    (server, address_in(&said))
}

/// The rows of the template's second table, after its header row.
fn result_rows(page: &str) -> Vec<String> {
    let answered = page.split("<h2>Answered:</h2>").nth(1).unwrap_or_default();
    answered
        .split("<tr>")
        .skip(2)
        .map(|row| row.split("</tr>").next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn async_views_requests_at_once_rendered_in_the_template() {
    let (server, addr) = start_async_views();
    for view in ["/requests/", "/requests/async_to_sync"] {
        let started = std::time::Instant::now();
        let (status, page) = http_request(addr, "GET", &format!("{view}?request_num=5"), "");
        assert_eq!(status, 200, "{view}: {page}");
        // Five requests of 0.3 s at once, well within the 1.5 s of one after the other.
        assert!(started.elapsed() < Duration::from_millis(1200), "{view}");
        let rows = result_rows(&page);
        assert_eq!(rows.len(), 5, "{view}: {page}");
        for row in rows {
            let cells: Vec<&str> = row
                .split("<td>")
                .skip(1)
                .map(|cell| cell.split("</td>").next().unwrap())
                .collect();
            assert_eq!(cells[0], "200", "{row}");
            let micros: u64 = cells[1].parse().unwrap();
            assert!(micros >= 300_000, "{row}");
            assert!(cells[2].parse::<usize>().unwrap() > 0, "{row}");
        }
    }
    // A server that is down: each request a failure, said in the first table.
    let down = format!(
        "/requests/?request_num=2&url=http%3A%2F%2F127.0.0.1%3A{}%2F",
        example_harness::tcp::closed_port()
    );
    let (status, page) = http_request(addr, "GET", &down, "");
    assert_eq!(status, 200);
    assert_eq!(
        page.matches("<tr><td>").count(),
        3,
        "two failures and a header: {page}"
    );
    assert!(result_rows(&page).is_empty());
    assert_eq!(
        http_request(addr, "GET", "/requests/?request_num=many", "").0,
        400
    );
    assert_eq!(http_request(addr, "GET", "/requests/", "").0, 400);
    server.interrupt();
    server.wait(Duration::from_secs(10)).assert_success();
}

#[test]
fn async_views_sync_to_async_takes_turns_on_one_thread_or_runs_at_once() {
    let (server, addr) = start_async_views();
    let timed = |sensitive: &str| {
        let started = std::time::Instant::now();
        let path = format!(
            "/requests/sync_to_async?sleep_time=0.5&num_calls=3&thread_sensitive={sensitive}"
        );
        assert_eq!(http_request(addr, "GET", &path, "").0, 200);
        started.elapsed()
    };
    // Three sleeps of 0.5 s: in turn on one thread, 1.5 s; on three threads, 0.5 s.
    let one_thread = timed("True");
    let many_threads = timed("False");
    assert!(one_thread >= Duration::from_millis(1500), "{one_thread:?}");
    assert!(
        many_threads >= Duration::from_millis(500),
        "{many_threads:?}"
    );
    assert!(
        many_threads < Duration::from_millis(1200),
        "{many_threads:?}"
    );
    server.interrupt();
    server.wait(Duration::from_secs(10)).assert_success();
}
