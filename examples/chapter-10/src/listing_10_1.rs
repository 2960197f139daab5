//! Listing 10.1: the inventory service's one route, slow on purpose.
//!
//! `GET /products/{id}/inventory` waits a random 0 to 2 seconds (in tenths), then answers with
//! a random inventory from 0 to 100: the slow, unreliable service that the backend-for-frontend
//! (Listing 10.8) must not wait for too long.

use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Value, json};

/// The service's routes. Without a seed every request draws afresh, as Python's `random` does.
/// With one, a product's wait and inventory depend on the seed and its id alone, so they repeat
/// whatever order the requests arrive in (a backend-for-frontend sends a thousand at once).
pub fn routes(seed: Option<u64>) -> Router {
    Router::new()
        .route("/products/{id}/inventory", get(get_inventory))
        .with_state(seed)
}

async fn get_inventory(State(seed): State<Option<u64>>, Path(id): Path<String>) -> Json<Value> {
    let mut random = match seed {
        Some(seed) => StdRng::seed_from_u64(seed ^ fnv1a(&id)),
        None => rand::make_rng(),
    };
    let delay: u64 = random.random_range(0..=20);
    let inventory: u32 = random.random_range(0..=100);
    tokio::time::sleep(Duration::from_millis(delay * 100)).await;
    Json(json!({ "inventory": inventory }))
}

/// FNV-1a, a hash that is the same on every machine and Rust version (std's `DefaultHasher`
/// promises neither), so that a seed gives the same answers everywhere.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
