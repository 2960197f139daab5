//! Chapter 10, "Microservices": the services, started on free ports and asked over HTTP (the
//! database ones on throwaway PostgreSQL servers), the whole system at once, and the retry and
//! the circuit breaker, exact under the paused clock. The backend-for-frontend's exact answers
//! are in `backend_for_frontend.rs`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use example_harness::tcp::{address_in, closed_port, http_request};
use example_harness::{Example, Running, check};

#[test]
fn listing_10_10_three_failures_and_three_timeouts_take_nine_tenths_of_a_second() {
    let out = check("listing_10_10");
    let logged: Vec<&str> = out
        .stderr
        .lines()
        .filter(|line| line.contains("Exception while waiting"))
        .collect();
    assert_eq!(logged.len(), 6, "{}", out.stderr);
    assert!(
        logged[0].contains("(tried 0 times), retrying: I've failed!"),
        "{}",
        logged[0]
    );
    assert!(
        logged[5].contains("(tried 2 times), retrying: deadline has elapsed"),
        "{}",
        logged[5]
    );
}

#[test]
fn listing_10_12_the_circuit_opens_after_two_timeouts_and_closes_five_seconds_later() {
    check("listing_10_12");
}

/// A service started with `--port 0`, and where it listens.
fn start(name: &str, args: &[&str]) -> (Running, SocketAddr) {
    let mut service = Example::new(name)
        .real_clock()
        .args(["--port", "0"])
        .args(args)
        .spawn();
    let line = service.wait_for_line("======== Running on http://");
    (service, address_in(&line))
}

fn stop(service: Running) {
    service.interrupt();
    service.wait(Duration::from_secs(20)).assert_success();
}

#[test]
fn listing_10_1_answers_an_inventory_within_two_seconds() {
    let (service, addr) = start("listing_10_1", &["--seed", "1"]);
    for product in 1..=3 {
        let started = Instant::now();
        let (status, body) =
            http_request(addr, "GET", &format!("/products/{product}/inventory"), "");
        assert!(started.elapsed() < Duration::from_millis(2500));
        assert_eq!(status, 200);
        let inventory: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(inventory["inventory"].as_u64().unwrap() <= 100, "{body}");
    }
    stop(service);
}

#[test]
fn listings_10_5_and_10_6_answer_a_users_products_from_their_own_databases() {
    for (name, path, user, expected) in [
        ("listing_10_5", "favorites", 3, "[1,2,3]"),
        ("listing_10_6", "cart", 2, "[1,2,5]"),
    ] {
        let (service, addr) = start(name, &[]);
        let (status, body) = http_request(addr, "GET", &format!("/users/{user}/{path}"), "");
        assert_eq!(status, 200, "{name}: {body}");
        let ids: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        let ids: Vec<String> = ids
            .iter()
            .map(|row| row["product_id"].to_string())
            .collect();
        assert_eq!(format!("[{}]", ids.join(",")), expected, "{name}");
        assert_eq!(
            http_request(addr, "GET", &format!("/users/9/{path}"), ""),
            (200, "[]".to_owned())
        );
        assert_eq!(
            http_request(addr, "GET", &format!("/users/nine/{path}"), "").0,
            400
        );
        stop(service);
    }
}

#[test]
fn listing_10_7_answers_every_product() {
    let (service, addr) = start("listing_10_7", &[]);
    let (status, body) = http_request(addr, "GET", "/products", "");
    assert_eq!(status, 200);
    let products: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(products.len(), 1000);
    assert_eq!(products[0]["product_id"], 1);
    assert!(products[0]["product_name"].is_string());
    stop(service);
}

#[test]
fn listing_10_8_answers_a_500_when_the_product_service_is_down() {
    let down = format!("http://127.0.0.1:{}", closed_port());
    let (backend, addr) = start("listing_10_8", &["--products-url", &down]);
    let (status, body) = http_request(addr, "GET", "/products/all", "");
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":"Server error reaching products service."}"#
    );
    stop(backend);
}

#[test]
fn microservices_serves_the_page_from_postgresql_within_about_a_second_then_stops() {
    let mut system = Example::new("microservices")
        .real_clock()
        .args(["--free-ports", "--seed", "10"])
        .spawn();
    let backend = address_in(&system.wait_for_line("backend-for-frontend on http://"));
    system.wait_for_line("(Press CTRL+C to quit)");

    let started = Instant::now();
    let (status, body) = http_request(backend, "GET", "/products/all", "");
    let took = started.elapsed();
    assert_eq!(status, 200, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["cart_items"], 0);
    assert_eq!(page["favorite_items"], 3);
    let products = page["products"].as_array().unwrap();
    let ids: Vec<u64> = products
        .iter()
        .map(|product| product["product_id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (1..=1000).collect::<Vec<_>>());
    // Waits of 1.0 to 2.0 s are 11 of the 21 the service draws from: over half the
    // inventories miss the second, and the page waits for all of it.
    let missing = products.iter().filter(|p| p["inventory"].is_null()).count();
    assert!((500..1000).contains(&missing), "{missing} missing");
    assert!(
        products
            .iter()
            .all(|p| p["inventory"].is_null() || p["inventory"].as_u64() <= Some(100))
    );
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");

    let databases: Vec<u32> = system
        .children()
        .into_iter()
        .filter(|(_, name)| name.starts_with("postgres"))
        .map(|(pid, _)| pid)
        .collect();
    assert_eq!(databases.len(), 3, "{:?}", system.children());
    stop(system);
    // Stopped with the program, not left behind.
    let gone = |pid: &u32| !std::path::Path::new(&format!("/proc/{pid}")).exists();
    assert!(databases.iter().all(gone), "left running: {databases:?}");
}

#[test]
fn microservices_on_a_port_in_use_says_so_before_starting_any_database() {
    // Nothing else of the suite listens on the book's ports; if a reader's machine does, the
    // program meets the same error.
    let _taken = std::net::TcpListener::bind("127.0.0.1:8000");
    let out = Example::new("microservices").real_clock().run();
    out.assert_clean_failure();
    assert!(out.stderr.contains("127.0.0.1:8000"), "{}", out.stderr);
    assert!(!out.stderr.contains("PostgreSQL"), "{}", out.stderr);
}
