//! Listing 6.15: an event loop in each process of a pool, each with a pool of connections.
//!
//! The Rust twin of `chapter_06/listing_6_15.py`. Five jobs go to a process pool (one worker per
//! CPU); each job starts an event loop of its own in its worker, opens a pool of 6 connections
//! to chapter 5's `products` database and runs 10,000 queries on it at once, then sends the
//! rows back. The parent adds up the rows. With nothing set, the parent starts a throwaway
//! PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it, and the workers use
//! it; with `DATABASE_URL` they all use yours.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_6_15
//! cargo run --example listing_6_15 -- --queries 1000
//! ```
//!
//! Expected output, with the times of the machine; the workers' lines interleave, two running
//! at once on two CPUs:
//! ```text
//! starting main with args ()
//! starting query_products_concurrently with args (Pool { .. }, 10000)
//! ...
//! finished query_products_concurrently in [..] second(s)
//! Retrieved 50000 products the product database.
//! finished main in [..] second(s)
//! ```
//!
//! Where Rust differs: each worker's `asyncio.run(run_queries())` is `util::run(..)`, a tokio
//! runtime of its own, as each Python worker has a loop of its own. The rows cross back to the
//! parent as JSON, `Product` values, where Python pickles the dicts. The workers find the
//! throwaway server through `DATABASE_URL`, which the parent puts in their environment. Rust
//! needs no processes for this: one multi-thread runtime spreads the connections' tasks over
//! every CPU by itself; the book's point is that a Python process cannot.

use book_db::Database;
use chapter_05::Products;
use chapter_05::pool::{Connections, create_pool, query_product};
use chapter_06::pool::{self, ProcessPool};
use clap::Parser;
use futures::future::try_join_all;
use serde::{Deserialize, Serialize};
use tokio_postgres::Row;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 6.15: five processes, each with an event loop and a pool of connections
#[derive(Parser)]
struct Args {
    /// How many queries each process runs
    #[arg(long, default_value_t = 10_000)]
    queries: usize,
}

/// A row of the product query, as it crosses back to the parent (the book's `dict(result)`).
#[derive(Debug, Serialize, Deserialize)]
struct Product {
    product_id: i32,
    product_name: String,
    brand_id: i32,
    sku_id: i32,
    product_color_name: String,
    product_size_name: String,
}

impl Product {
    fn from_row(row: &Row) -> Result<Self, tokio_postgres::Error> {
        Ok(Product {
            product_id: row.try_get("product_id")?,
            product_name: row.try_get("product_name")?,
            brand_id: row.try_get("brand_id")?,
            sku_id: row.try_get("sku_id")?,
            product_color_name: row.try_get("product_color_name")?,
            product_size_name: row.try_get("product_size_name")?,
        })
    }
}

#[util::async_timed]
async fn query_products_concurrently(
    pool: Connections,
    queries: usize,
) -> Result<Vec<Option<Row>>, BoxError> {
    let queries = (0..queries).map(|_| query_product(&pool.0));
    try_join_all(queries).await
}

/// What a worker runs: its own event loop, its own pool, `num_queries` queries.
fn run_in_new_loop(num_queries: usize) -> Result<Vec<Product>, BoxError> {
    let run_queries = async {
        let database = Database::open(&Products::Catalog).await?;
        let pool = Connections(create_pool(&database, 6).await?);
        let rows = query_products_concurrently(pool.clone(), num_queries).await;
        pool.0.close();
        rows
    };

    let rows = util::run(run_queries)?;
    let results = rows.iter().flatten().map(Product::from_row);
    Ok(results.collect::<Result<_, _>>()?)
}

/// The job the pool runs five times.
#[derive(Serialize, Deserialize)]
struct RunInNewLoop {
    num_queries: usize,
}

impl pool::Job for RunInNewLoop {
    type Output = Result<Vec<Product>, String>;

    fn run(self) -> Self::Output {
        run_in_new_loop(self.num_queries).map_err(|error| util::one_line(&*error))
    }
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    if pool::is_worker() {
        return Ok(pool::serve::<RunInNewLoop>()?);
    }

    // The book's `main` coroutine, timed as it is: it lives inside `fn main` because a worker
    // must not start it (a worker starts its own runtimes, in `run_in_new_loop`).
    #[util::async_timed]
    async fn main() -> Result<(), BoxError> {
        let num_queries = Args::parse().queries;
        let database = Database::open(&Products::Catalog).await?;
        let pool = ProcessPool::with_environment(database.environment_for_children())?;
        let tasks: Vec<_> = (0..5)
            .map(|_| pool.submit(RunInNewLoop { num_queries }))
            .collect();
        let all_results = try_join_all(tasks).await?;
        let all_results = all_results.into_iter().collect::<Result<Vec<_>, _>>()?;
        let total_queries: usize = all_results.iter().map(Vec::len).sum();
        println!("Retrieved {total_queries} products the product database.");
        Ok(())
    }
    util::run(main())
}
