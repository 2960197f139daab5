//! Listing 10.6: the cart service: a user's cart, from its own database.
//!
//! The Rust twin of `chapter_10/listing_10_6.py`, with Listing 10.4's pool helper and the
//! route it shares with its twin service from the chapter's library
//! (`examples/chapter-10/src/listing_10_4.rs`). `GET /users/{id}/cart` answers with the ids of
//! the user's products, as JSON, `[]` for a user with none, 400 for an id that is not a
//! number. The database is the `cart` of Listing 10.2: a throwaway PostgreSQL holding it,
//! unless `DATABASE_URL` names a server. It serves on port 8003 until Ctrl-C or SIGTERM.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_6                # then, in a second terminal:
//! curl http://127.0.0.1:8003/users/1/cart
//! ```
//!
//! Expected output:
//! ```text
//! ======== Running on http://127.0.0.1:8003 ========
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets `[{"product_id":1},{"product_id":2},{"product_id":3}]`.
//!
//! Where Rust differs: `functools.partial(create_database_pool, database='cart')` is the
//! database's `book_db::State`, `UserProducts::Cart`, which the throwaway server is made
//! from; the book's `if result is not None` can never be false (`fetch` returns a list), and
//! neither can it here: a user with no cart gets `[]`.

use chapter_10::listing_10_4::{
    UserProducts, create_database_pool, destroy_database_pool, run_app,
};
use clap::Parser;

/// Listing 10.6: the cart service
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8003)]
    port: u16,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    util::log_to_stderr("warn");
    let (_database, pool) = create_database_pool(&UserProducts::Cart).await?;
    let routes = UserProducts::Cart.routes(pool.clone());
    run_app(routes, port).await?;
    destroy_database_pool(&pool);
    Ok(())
}
