//! Listing 10.7: the product service's one route: every product's id and name, from chapter
//! 5's catalog.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use deadpool_postgres::Pool;
use serde::Serialize;

/// The service's routes, on a pool of connections to chapter 5's `products` database.
pub fn routes(pool: Pool) -> Router {
    Router::new()
        .route("/products", get(products))
        .with_state(pool)
}

#[derive(Serialize)]
struct Product {
    product_id: i32,
    product_name: String,
}

/// A database error is a 500 whose body says nothing more; the driver's message goes to the
/// log.
async fn products(State(pool): State<Pool>) -> Result<Json<Vec<Product>>, StatusCode> {
    let failed = |error: &dyn std::error::Error| {
        tracing::error!("database error: {}", util::one_line(error));
        StatusCode::INTERNAL_SERVER_ERROR
    };
    let db = pool.get().await.map_err(|e| failed(&e))?;
    let product_query = "SELECT product_id, product_name FROM product";
    let result = db.query(product_query, &[]).await.map_err(|e| failed(&e))?;
    let products = result
        .iter()
        .map(|row| {
            Ok(Product {
                product_id: row.try_get("product_id")?,
                product_name: row.try_get("product_name")?,
            })
        })
        .collect::<Result<_, tokio_postgres::Error>>()
        .map_err(|e| failed(&e))?;
    Ok(Json(products))
}
