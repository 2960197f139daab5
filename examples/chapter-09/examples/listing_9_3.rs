//! Listing 9.3: one product by its id, 404 when there is none, 400 when the id is not a
//! number.
//!
//! The Rust twin of `chapter_09/listing_9_3.py` (aiohttp and asyncpg), on Listing 9.2's pool
//! (`examples/chapter-09/src/database.rs`). `GET /products/{id}` answers with the product's
//! id, name and brand as JSON.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_3                 # then, in a second terminal:
//! curl http://127.0.0.1:8080/products/1
//! ```
//!
//! Expected output, and after Ctrl-C its last line:
//! ```text
//! Creating database pool.
//! ======== Running on http://127.0.0.1:8080 ========
//! (Press CTRL+C to quit)
//! Destroying database pool.
//! ```
//! `curl` gets `{"product_id":1,"product_name":"...","brand_id":...}`; `/products/0` a 404
//! and `/products/one` a 400, each with a short JSON error.
//!
//! Where Rust differs: the book's `int(str_id)` raises `ValueError`, caught to answer 400;
//! here the id is parsed into an `i32` (the column's type), and anything else, `1.5` or a
//! number too large, is the 400. A missing product is `Ok(None)` from `query_opt`, the 404.

use axum::Router;
use axum::extract::{Json, Path, State};
use axum::routing::get;
use chapter_09::database::{create_database_pool, destroy_database_pool};
use chapter_09::{AIOHTTP_PORT, ApiError, listen_and_say_so};
use clap::Parser;
use deadpool_postgres::Pool;
use serde::Serialize;

/// Listing 9.3: a product by its id
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = AIOHTTP_PORT)]
    port: u16,
}

#[derive(Serialize)]
struct Product {
    product_id: i32,
    product_name: String,
    brand_id: i32,
}

async fn get_product(
    State(pool): State<Pool>,
    Path(str_id): Path<String>,
) -> Result<Json<Product>, ApiError> {
    let product_id: i32 = str_id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("not a product id: {str_id:?}")))?;
    let query = "
        SELECT
        product_id,
        product_name,
        brand_id
        FROM product
        WHERE product_id = $1";
    let connection = pool.get().await?;
    let result = connection.query_opt(query, &[&product_id]).await?;
    let Some(result) = result else {
        return Err(ApiError::not_found(format!("no product {product_id}")));
    };
    Ok(Json(Product {
        product_id: result.try_get("product_id")?,
        product_name: result.try_get("product_name")?,
        brand_id: result.try_get("brand_id")?,
    }))
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let (_database, pool) = create_database_pool().await?;
    let app = Router::new()
        .route("/products/{id}", get(get_product))
        .with_state(pool.clone());
    let listener = listen_and_say_so(port)?;
    web_app::run_app(listener, app, || async {}).await;
    destroy_database_pool(&pool);
    Ok(())
}
