//! Listing 10.8's backend-for-frontend, deterministic: the real inventory service (10.1) with
//! its randomness seeded, and stand-ins for the three database services, all in the test's
//! runtime under the paused clock, so that the page's JSON and its one-second bound are exact.
//! (Against PostgreSQL, on the real clock: `microservices` in `chapter_10.rs`.)

use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chapter_10::listing_10_1;
use chapter_10::listing_10_8::{Services, WAIT, routes};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::time::Instant;
use web_client::Client;

/// With this seed the inventory service waits 1.1, 1.8, 2.0, 0.4, 1.6, 0.9, 0.6 and 1.5 s for
/// products 1 to 8: only 4, 6 and 7 answer within the second.
const SEED: u64 = 10;

const INVENTORIES: &str = r#"[{"product_id":1,"inventory":null},{"product_id":2,"inventory":null},{"product_id":3,"inventory":null},{"product_id":4,"inventory":45},{"product_id":5,"inventory":null},{"product_id":6,"inventory":2},{"product_id":7,"inventory":39},{"product_id":8,"inventory":null}]"#;

/// Serves `routes` on a free port of this runtime, for as long as the test runs.
async fn serve(routes: Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, routes).await.unwrap() });
    url
}

/// A service that answers `GET path` with `status` and `body` after `delay`.
async fn stand_in(path: &'static str, delay: Duration, status: StatusCode, body: Value) -> String {
    serve(Router::new().route(
        path,
        get(move || async move {
            tokio::time::sleep(delay).await;
            (status, Json(body))
        }),
    ))
    .await
}

/// A URL where nothing listens.
async fn down() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

fn catalog() -> Value {
    (1..=8)
        .map(|id| json!({ "product_id": id, "product_name": format!("product {id}") }))
        .collect()
}

async fn products_answering(delay: Duration, status: StatusCode) -> String {
    stand_in("/products", delay, status, catalog()).await
}

async fn favorites() -> String {
    let user_3 = json!([{ "product_id": 1 }, { "product_id": 2 }, { "product_id": 3 }]);
    stand_in(
        "/users/{id}/favorites",
        Duration::ZERO,
        StatusCode::OK,
        user_3,
    )
    .await
}

async fn cart_after(delay: Duration) -> String {
    stand_in("/users/{id}/cart", delay, StatusCode::OK, json!([])).await
}

/// The page as the backend-for-frontend over `services` serves it, and how long it took.
async fn page(services: Services) -> (u16, String, Duration) {
    let backend = serve(routes(services)).await;
    let started = Instant::now();
    let (status, body) = Client::new()
        .get_page(&format!("{backend}/products/all"))
        .await
        .unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    (status.as_u16(), body, started.elapsed())
}

async fn inventory() -> String {
    serve(listing_10_1::routes(Some(SEED))).await
}

#[tokio::test(start_paused = true)]
async fn the_page_has_what_answered_within_the_second_and_null_for_the_rest() {
    let services = Services {
        products: products_answering(Duration::ZERO, StatusCode::OK).await,
        inventory: inventory().await,
        favorites: favorites().await,
        cart: cart_after(Duration::ZERO).await,
    };
    let (status, body, took) = page(services).await;
    assert_eq!(status, 200);
    let expected = format!(r#"{{"cart_items":0,"favorite_items":3,"products":{INVENTORIES}}}"#);
    assert_eq!(body, expected);
    assert_eq!(took, WAIT);
}

#[tokio::test(start_paused = true)]
async fn a_slow_cart_and_missing_favorites_are_null_and_the_page_still_takes_one_second() {
    let services = Services {
        products: products_answering(Duration::ZERO, StatusCode::OK).await,
        inventory: inventory().await,
        favorites: down().await,
        cart: cart_after(Duration::from_millis(1500)).await,
    };
    let (status, body, took) = page(services).await;
    assert_eq!(status, 200);
    let expected =
        format!(r#"{{"cart_items":null,"favorite_items":null,"products":{INVENTORIES}}}"#);
    assert_eq!(body, expected);
    // The book's two waits would have made this one take two seconds.
    assert_eq!(took, WAIT);
}

#[tokio::test(start_paused = true)]
async fn when_every_service_answers_in_time_the_page_does_not_wait_the_whole_second() {
    let services = Services {
        products: products_answering(Duration::from_millis(100), StatusCode::OK).await,
        inventory: stand_in(
            "/products/{id}/inventory",
            Duration::from_millis(300),
            StatusCode::OK,
            json!({ "inventory": 7 }),
        )
        .await,
        favorites: favorites().await,
        cart: cart_after(Duration::from_millis(600)).await,
    };
    let (status, body, took) = page(services).await;
    assert_eq!(status, 200);
    let page: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["products"].as_array().unwrap().len(), 8);
    assert!(
        page["products"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["inventory"] == 7)
    );
    assert_eq!(page["cart_items"], 0);
    assert_eq!(took, Duration::from_millis(600));
}

#[tokio::test(start_paused = true)]
async fn slow_products_are_a_504_after_one_second() {
    let services = Services {
        products: products_answering(Duration::from_secs(2), StatusCode::OK).await,
        inventory: inventory().await,
        favorites: favorites().await,
        cart: cart_after(Duration::ZERO).await,
    };
    let (status, body, took) = page(services).await;
    assert_eq!(status, 504);
    assert_eq!(body, r#"{"error":"Could not reach products service."}"#);
    assert_eq!(took, WAIT);
}

#[tokio::test(start_paused = true)]
async fn failing_or_missing_products_are_a_500_at_once() {
    for products in [
        products_answering(Duration::ZERO, StatusCode::INTERNAL_SERVER_ERROR).await,
        stand_in(
            "/products",
            Duration::ZERO,
            StatusCode::OK,
            json!({ "not": "a list" }),
        )
        .await,
        down().await,
    ] {
        let services = Services {
            products: products.clone(),
            inventory: inventory().await,
            favorites: favorites().await,
            cart: cart_after(Duration::ZERO).await,
        };
        let (status, body, took) = page(services).await;
        assert_eq!(status, 500, "{products}");
        assert_eq!(
            body,
            r#"{"error":"Server error reaching products service."}"#
        );
        assert_eq!(took, Duration::ZERO, "{products}");
    }
}
