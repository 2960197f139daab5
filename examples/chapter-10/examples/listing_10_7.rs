//! Listing 10.7: the product service: every product's id and name, from chapter 5's catalog.
//!
//! The Rust twin of `chapter_10/listing_10_7.py`, with Listing 10.4's pool helper
//! (`examples/chapter-10/src/listing_10_4.rs`) and its route from the chapter's library
//! (`examples/chapter-10/src/listing_10_7.rs`). `GET /products` answers with the id and name of
//! each of the catalog's 1,000 products. The database is chapter 5's `products`, as after
//! Listings 5.3 to 5.6 (a throwaway PostgreSQL unless `DATABASE_URL` names a server). It serves
//! on port 8000 until Ctrl-C or SIGTERM.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_7                # then, in a second terminal:
//! curl http://127.0.0.1:8000/products
//! ```
//!
//! Expected output:
//! ```text
//! ======== Running on http://127.0.0.1:8000 ========
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets `[{"product_id":1,"product_name":"..."},...]`, 1,000 of them.
//!
//! Where Rust differs: a database error is a 500 whose body says only that, the driver's
//! message going to the log.

use chapter_05::Products;
use chapter_10::listing_10_4::{create_database_pool, destroy_database_pool, run_app};
use chapter_10::listing_10_7::routes;
use clap::Parser;

/// Listing 10.7: the product service
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let (_database, pool) = create_database_pool(&Products::Catalog).await?;
    run_app(routes(pool.clone()), port).await?;
    destroy_database_pool(&pool);
    Ok(())
}
