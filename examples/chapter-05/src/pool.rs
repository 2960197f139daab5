//! The pool of Listings 5.7 and 5.8 (and of 6.15, which runs one in each of five processes):
//! `asyncpg.create_pool`, and the query the listings run on it.
//!
//! The pool is deadpool-postgres's. asyncpg opens `min_size` connections when the pool is made;
//! deadpool opens them as they are asked for, so [`create_pool`] asks for all of them at once
//! and gives them back, leaving them open. `async with pool.acquire()` is a pool object held in
//! a variable: dropping it hands the connection back. asyncpg prepares each query once per
//! connection and keeps it; `prepare_cached` is deadpool's twin of that cache. asyncpg's
//! `fetchrow` asks the server for one row and no more; tokio-postgres's `query_opt` expects at
//! most one, so the query says `LIMIT 1`, which makes the server do the same work.

use std::fmt;

use book_db::Database;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use futures::future::try_join_all;
use tokio_postgres::{NoTls, Row};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A product with its SKUs, colors and sizes: the listings' `product_query`.
pub const PRODUCT_QUERY: &str = "
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

/// `asyncpg.create_pool(min_size=size, max_size=size)` on `database`: a pool whose `size`
/// connections are open when it is returned.
///
/// # Errors
/// If the server cannot be reached, in one line that says where.
pub async fn create_pool(database: &Database, size: usize) -> Result<Pool, BoxError> {
    let manager = Manager::from_config(
        database.config().clone(),
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(size)
        .create_timeout(Some(database.connect_timeout()))
        .runtime(Runtime::Tokio1)
        .build()?;
    let opened = try_join_all((0..size).map(|_| pool.get())).await;
    drop(opened.map_err(|error| {
        let error = util::one_line(&error);
        format!(
            "cannot connect to PostgreSQL at {}: {error}",
            database.address()
        )
    })?);
    Ok(pool)
}

/// `query_product(pool)`: [`PRODUCT_QUERY`] on a connection of the pool, `fetchrow`'s row.
///
/// # Errors
/// The pool's or the driver's.
pub async fn query_product(pool: &Pool) -> Result<Option<Row>, BoxError> {
    let connection = pool.get().await?;
    let statement = connection.prepare_cached(PRODUCT_QUERY).await?;
    Ok(connection.query_opt(&statement, &[]).await?)
}

/// The pool as `#[async_timed]` shows it among the arguments: `Pool { .. }`, where Python
/// shows `<asyncpg.pool.Pool object at 0x...>` (deadpool's own `Debug` lists every connection).
#[derive(Clone)]
pub struct Connections(pub Pool);

impl fmt::Debug for Connections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pool { .. }")
    }
}
