//! Listing 10.1: the inventory service, slow on purpose.
//!
//! The Rust twin of `chapter_10/listing_10_1.py`. `GET /products/{id}/inventory` waits a random
//! 0 to 2 seconds (in tenths), then answers with a random inventory from 0 to 100: the slow,
//! unreliable service the backend-for-frontend of Listing 10.8 must not wait for too long. It
//! serves on aiohttp's port for it, 8001, until Ctrl-C or SIGTERM; `--seed` makes the draws
//! repeat.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_1 -- --seed 1    # then, in a second terminal:
//! curl http://127.0.0.1:8001/products/1/inventory
//! ```
//!
//! Expected output:
//! ```text
//! ======== Running on http://127.0.0.1:8001 ========
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets, after up to 2 s, `{"inventory":N}`.
//!
//! Where Rust differs: Python's `random` module is one generator for the whole program; here
//! it is a seeded `StdRng` shared by the requests behind a mutex, held only for the draws.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use chapter_10::listing_10_4::run_app;
use clap::Parser;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Value, json};

/// Listing 10.1: a slow inventory service
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8001)]
    port: u16,
    /// Seed the random delays and inventories, so that they repeat
    #[arg(long)]
    seed: Option<u64>,
}

type Random = Arc<Mutex<StdRng>>;

async fn get_inventory(State(random): State<Random>, Path(_id): Path<String>) -> Json<Value> {
    let (delay, inventory) = {
        let mut random = random.lock().unwrap_or_else(|poison| poison.into_inner());
        (random.random_range(0..=20), random.random_range(0..=100))
    };
    tokio::time::sleep(Duration::from_millis(delay * 100)).await;
    Json(json!({ "inventory": inventory }))
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port, seed } = Args::parse();
    let random = seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);
    let routes = Router::new()
        .route("/products/{id}/inventory", get(get_inventory))
        .with_state(Arc::new(Mutex::new(random)));
    run_app(routes, port).await?;
    Ok(())
}
