//! Listing 9.2: `/brands` from a pool of database connections made at start-up and closed at
//! the end.
//!
//! The Rust twin of `chapter_09/listing_9_2.py` (aiohttp and asyncpg), with the pool's hooks
//! and the `/brands` handler from the chapter's library (`examples/chapter-09/src/database.rs`,
//! which Listing 9.8 shares). Before serving, the
//! application makes a pool of six connections to chapter 5's `products` database (a
//! throwaway PostgreSQL with the catalog of Listings 5.3 to 5.6, unless `DATABASE_URL` names
//! your own); `GET /brands` answers with every brand, as JSON; Ctrl-C or SIGTERM stops it,
//! and the pool is closed.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_2                 # then, in a second terminal:
//! curl http://127.0.0.1:8080/brands
//! ```
//!
//! Expected output, and after Ctrl-C its last line:
//! ```text
//! Creating database pool.
//! ======== Running on http://127.0.0.1:8080 ========
//! (Press CTRL+C to quit)
//! Destroying database pool.
//! ```
//! `curl` gets the 102 brands: `[{"brand_id":1,"brand_name":"Levis"},{"brand_id":2,...`.
//!
//! Where Rust differs: aiohttp's `app[DB_KEY]` is axum's typed state, the pool handed to each
//! handler as `State<Pool>`; `on_startup` is the code before `run_app`, `on_cleanup` the code
//! after it. `dict(record)` is a struct that derives `Serialize`, read from the row by column
//! name. A database that cannot be reached is one line at start-up; a query that fails is a
//! 500 with `{"error":"database error"}`, the driver's message in the log.

use axum::Router;
use axum::routing::get;
use chapter_09::database::{brands, create_database_pool, destroy_database_pool};
use chapter_09::{AIOHTTP_PORT, listen_and_say_so};
use clap::Parser;

/// Listing 9.2: the brands, from a pool made at start-up
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = AIOHTTP_PORT)]
    port: u16,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let (_database, pool) = create_database_pool().await?;
    let app = Router::new()
        .route("/brands", get(brands))
        .with_state(pool.clone());
    let listener = listen_and_say_so(port)?;
    web_app::run_app(listener, app, || async {}).await;
    destroy_database_pool(&pool);
    Ok(())
}
