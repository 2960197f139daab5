//! Listing 9.4: creating a product with a POST, 201 when it is made, 400 for a bad body.
//!
//! The Rust twin of `chapter_09/listing_9_4.py` (aiohttp and asyncpg), on Listing 9.2's pool
//! (`examples/chapter-09/src/database.rs`, as the book's imports it). `POST /product` with a
//! JSON body holding `product_name` and `brand_id` inserts the product.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_4                 # then, in a second terminal:
//! curl -i -X POST -d '{"product_name": "product_name", "brand_id": 1}' http://127.0.0.1:8080/product
//! ```
//!
//! Expected output, and after Ctrl-C its last line:
//! ```text
//! Creating database pool.
//! ======== Running on http://127.0.0.1:8080 ========
//! (Press CTRL+C to quit)
//! Destroying database pool.
//! ```
//! `curl` gets `HTTP/1.1 201 Created`; a body that is not JSON, or lacks a field, or whose
//! `brand_id` is not a number, gets a 400 with a short JSON error.
//!
//! Where Rust differs: the body is read as a `serde_json::Value` first, so that each way it can
//! be wrong gets its own 400 (axum's `Json<T>` extractor would answer 422 for a missing field).
//! The book's `int(body['brand_id'])` takes `"1"` as well as `1`, and so does this. A brand that
//! does not exist is a foreign-key violation in PostgreSQL: asyncpg raises it and aiohttp
//! answers 500; here it is a 400 that names the brand.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use chapter_09::database::{create_database_pool, destroy_database_pool};
use chapter_09::{AIOHTTP_PORT, ApiError, listen_and_say_so};
use clap::Parser;
use deadpool_postgres::Pool;
use serde_json::Value;
use tokio_postgres::error::SqlState;

/// Listing 9.4: create a product
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = AIOHTTP_PORT)]
    port: u16,
}

const PRODUCT_NAME: &str = "product_name";
const BRAND_ID: &str = "brand_id";

async fn create_product(State(pool): State<Pool>, body: Bytes) -> Result<StatusCode, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad_request("no body"));
    }
    let body: Value = serde_json::from_slice(&body)
        .map_err(|error| ApiError::bad_request(format!("the body is not JSON: {error}")))?;
    let (Some(product_name), Some(brand_id)) = (body.get(PRODUCT_NAME), body.get(BRAND_ID)) else {
        return Err(ApiError::bad_request(format!(
            "the body needs {PRODUCT_NAME} and {BRAND_ID}"
        )));
    };
    let product_name = product_name
        .as_str()
        .ok_or_else(|| ApiError::bad_request(format!("{PRODUCT_NAME} is not a string")))?;
    let brand_id = int(brand_id)
        .ok_or_else(|| ApiError::bad_request(format!("{BRAND_ID} is not a whole number")))?;

    let db = pool.get().await?;
    let inserted = db
        .execute(
            "INSERT INTO product(product_id, product_name, brand_id) VALUES(DEFAULT, $1, $2)",
            &[&product_name, &brand_id],
        )
        .await;
    match inserted {
        Ok(_) => Ok(StatusCode::CREATED),
        Err(error) if error.code() == Some(&SqlState::FOREIGN_KEY_VIOLATION) => Err(
            ApiError::bad_request(format!("there is no brand {brand_id}")),
        ),
        Err(error) => Err(error.into()),
    }
}

/// Python's `int(value)` for a JSON number or a string of digits, as an `i32` (the column's
/// type).
fn int(value: &Value) -> Option<i32> {
    match value {
        Value::Number(number) => number.as_i64().and_then(|n| i32::try_from(n).ok()),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let (_database, pool) = create_database_pool().await?;
    let app = Router::new()
        .route("/product", post(create_product))
        .with_state(pool.clone());
    let listener = listen_and_say_so(port)?;
    web_app::run_app(listener, app, || async {}).await;
    destroy_database_pool(&pool);
    Ok(())
}
