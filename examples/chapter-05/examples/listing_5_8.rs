//! Listing 5.8: 10,000 queries one after the other, then 10,000 at once on a pool of 6.
//!
//! The Rust twin of `chapter_05/listing_5_8.py`: the chapter's case for a pool. One at a time,
//! only one of the 6 connections works and each query waits for the one before; all at once,
//! the 6 connections keep 6 server processes busy, and the second line's time is several times
//! shorter (about 4 times on 2 cores; see `docs/rust-vs-python.md` for asyncpg's figures on the
//! same server). With nothing set it starts a throwaway PostgreSQL whose `products` database is
//! as Listings 5.3 to 5.6 leave it; with `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_5_8
//! cargo run --example listing_5_8 -- --queries 1000
//! ```
//!
//! Expected output, with the times of the machine:
//! ```text
//! starting query_products_synchronously with args (Pool { .. }, 10000)
//! finished query_products_synchronously in [..] second(s)
//! starting query_products_concurrently with args (Pool { .. }, 10000)
//! finished query_products_concurrently in [..] second(s)
//! ```
//!
//! Where Rust differs: the pool, `prepare_cached` and `LIMIT 1` are explained in Listing 5.7
//! (and in `chapter_05::pool`, which both use).
//! `asyncio.gather` of 10,000 coroutines is `try_join_all` of 10,000 futures, polled on this
//! one thread; at most 6 hold a connection at a time and the others wait in the pool's queue.

use book_db::Database;
use chapter_05::Products;
use chapter_05::pool::{Connections, create_pool, query_product};
use clap::Parser;
use futures::future::try_join_all;
use tokio_postgres::Row;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 5.8: queries in sequence against queries on a pool
#[derive(Parser)]
struct Args {
    /// How many queries each way
    #[arg(long, default_value_t = 10_000)]
    queries: usize,
}

#[util::async_timed]
async fn query_products_synchronously(
    pool: Connections,
    queries: usize,
) -> Result<Vec<Option<Row>>, BoxError> {
    let mut results = Vec::with_capacity(queries);
    for _ in 0..queries {
        results.push(query_product(&pool.0).await?);
    }
    Ok(results)
}

#[util::async_timed]
async fn query_products_concurrently(
    pool: Connections,
    queries: usize,
) -> Result<Vec<Option<Row>>, BoxError> {
    let queries = (0..queries).map(|_| query_product(&pool.0));
    try_join_all(queries).await
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    let database = Database::open(&Products::Catalog).await?;
    let pool = Connections(create_pool(&database, 6).await?);
    query_products_synchronously(pool.clone(), args.queries).await?;
    query_products_concurrently(pool.clone(), args.queries).await?;
    pool.0.close();
    Ok(())
}
