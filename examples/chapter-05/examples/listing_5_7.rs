//! Listing 5.7: a pool of 6 connections, and two queries run on it at once.
//!
//! The Rust twin of `chapter_05/listing_5_7.py`. Two copies of a query that joins a product to
//! its SKUs, colors and sizes run concurrently, each on a connection of its own from the pool.
//! With nothing set it starts a throwaway PostgreSQL whose `products` database is as Listings
//! 5.3 to 5.6 leave it; with `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_7
//! DATABASE_URL=postgres://postgres:password@127.0.0.1:5432/products cargo run --example listing_5_7
//! ```
//!
//! Expected output: nothing, as in the book; the two rows are fetched and dropped.
//! ```text
//! ```
//! Expected stderr: the line that says which server the database is on (nothing, when
//! `DATABASE_URL` names your own):
//! ```text
//! Using a throwaway PostgreSQL [..] on 127.0.0.1:[..], started in [..] s with database products as after Listings 5.3 to 5.6; it goes away at exit (set DATABASE_URL to use your own server)
//! ```
//!
//! Where Rust differs: the pool is deadpool-postgres's. asyncpg opens `min_size` connections
//! when the pool is made; deadpool opens them as they are asked for, so the program asks for 6
//! at once and gives them back, leaving 6 open ones. `async with pool.acquire()` is a pool
//! object held in a variable: dropping it hands the connection back. asyncpg prepares each
//! query once per connection and keeps it; `prepare_cached` is deadpool's twin of that cache.
//! asyncpg's `fetchrow` asks the server for one row and no more; tokio-postgres's `query_opt`
//! expects at most one, so the query says `LIMIT 1`, which makes the server do the same work.

use book_db::Database;
use chapter_05::Products;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use futures::future::try_join_all;
use tokio_postgres::{NoTls, Row};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const PRODUCT_QUERY: &str = "
SELECT
p.product_id,
p.product_name,
p.brand_id,
s.sku_id,
pc.product_color_name,
ps.product_size_name
FROM product as p
JOIN sku as s on s.product_id = p.product_id
JOIN product_color as pc on pc.product_color_id = s.product_color_id
JOIN product_size as ps on ps.product_size_id = s.product_size_id
WHERE p.product_id = 100
LIMIT 1";

async fn query_product(pool: &Pool) -> Result<Option<Row>, BoxError> {
    let connection = pool.get().await?;
    let statement = connection.prepare_cached(PRODUCT_QUERY).await?;
    Ok(connection.query_opt(&statement, &[]).await?)
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let database = Database::open(&Products::Catalog).await?;
    let manager = Manager::from_config(
        database.config().clone(),
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(6)
        .create_timeout(Some(database.connect_timeout()))
        .runtime(Runtime::Tokio1)
        .build()?;
    // asyncpg's `create_pool` opens `min_size` connections at once: so do we, saying where
    // if the server cannot be reached.
    let opened = try_join_all((0..6).map(|_| pool.get())).await;
    drop(opened.map_err(|error| {
        let error = util::one_line(&error);
        format!(
            "cannot connect to PostgreSQL at {}: {error}",
            database.address()
        )
    })?);

    tokio::try_join!(query_product(&pool), query_product(&pool))?;
    pool.close();
    Ok(())
}
