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
//! Where Rust differs: the pool is deadpool-postgres's, made by `chapter_05::pool::create_pool`
//! (the chapter's library, which Listing 5.8 and 6.15 use too). asyncpg opens `min_size`
//! connections when the pool is made; deadpool opens them as they are asked for, so
//! `create_pool` asks for 6 at once and gives them back, leaving 6 open ones. `async with
//! pool.acquire()` is a pool object held in a variable: dropping it hands the connection back.
//! asyncpg prepares each query once per connection and keeps it; `prepare_cached` is deadpool's
//! twin of that cache. asyncpg's `fetchrow` asks the server for one row and no more;
//! tokio-postgres's `query_opt` expects at most one, so the query says `LIMIT 1`, which makes
//! the server do the same work.

use book_db::Database;
use chapter_05::Products;
use chapter_05::pool::{create_pool, query_product};

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Catalog).await?;
    let pool = create_pool(&database, 6).await?;
    tokio::try_join!(query_product(&pool), query_product(&pool))?;
    pool.close();
    Ok(())
}
