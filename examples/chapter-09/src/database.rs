//! Listing 9.2's start-up and clean-up hooks: a pool of six connections to the `products`
//! database, made before the application serves and closed when it stops.

use axum::Json;
use axum::extract::State;
use book_db::Database;
use chapter_05::Products;
use chapter_05::pool::create_pool;
use deadpool_postgres::Pool;
use serde::Serialize;

use crate::ApiError;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// `create_database_pool`, aiohttp's `on_startup` hook: the database (chapter 5's throwaway
/// PostgreSQL with the catalog of Listings 5.3 to 5.6, or the one `DATABASE_URL` names) and a
/// pool of six connections to it. Keep the `Database` until the pool is closed: dropping it
/// stops a throwaway server.
///
/// # Errors
/// If the database cannot be reached, in one line.
pub async fn create_database_pool() -> Result<(Database, Pool), BoxError> {
    println!("Creating database pool.");
    // Not `Database::open`: the application stops gracefully on Ctrl-C and runs its clean-up
    // hook; the throwaway server goes away after that, when the `Database` is dropped.
    let database = Database::open_for_server(&Products::Catalog).await?;
    let pool = create_pool(&database, 6).await?;
    Ok((database, pool))
}

/// `destroy_database_pool`, aiohttp's `on_cleanup` hook.
pub fn destroy_database_pool(pool: &Pool) {
    println!("Destroying database pool.");
    pool.close();
}

/// A row of the `brand` table, as `dict(record)` makes it.
#[derive(Debug, Serialize)]
pub struct Brand {
    pub brand_id: i32,
    pub brand_name: String,
}

/// The `/brands` handler of Listings 9.2 and 9.8: every brand, as JSON.
///
/// # Errors
/// A database that fails: a 500 whose body says only that.
pub async fn brands(State(pool): State<Pool>) -> Result<Json<Vec<Brand>>, ApiError> {
    let connection = pool.get().await?;
    let brand_query = "SELECT brand_id, brand_name FROM brand";
    let results = connection.query(brand_query, &[]).await?;
    let result_as_dict = results
        .iter()
        .map(|brand| {
            Ok(Brand {
                brand_id: brand.try_get("brand_id")?,
                brand_name: brand.try_get("brand_name")?,
            })
        })
        .collect::<Result<_, tokio_postgres::Error>>()?;
    Ok(Json(result_as_dict))
}
