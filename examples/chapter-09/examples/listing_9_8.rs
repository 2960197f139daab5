//! Listing 9.8: `/brands` again, as a Starlette application served by uvicorn.
//!
//! The Rust twin of `chapter_09/listing_9_8.py`. The same pool and the same handler as Listing
//! 9.2 (`examples/chapter-09/src/database.rs`), in Starlette's shape: the routes given to the
//! application in a list, the start-up and shutdown hooks with them; uvicorn serves it on port
//! 8000. Starlette's hooks print nothing, and neither do these.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_8                 # then, in a second terminal:
//! curl http://127.0.0.1:8000/brands
//! ```
//!
//! Expected output: none; `curl` gets the 102 brands, as from Listing 9.2.
//! ```text
//! ```
//!
//! Where Rust differs: aiohttp and Starlette are two frameworks; in Rust both are axum's
//! `Router`, so the twins of 9.2 and 9.8 differ only in what they print and their port. A
//! database that cannot be reached is one line at start-up, as in 9.2.

use std::net::{Ipv4Addr, SocketAddr};

use axum::Router;
use axum::routing::get;
use book_db::Database;
use chapter_05::Products;
use chapter_05::pool::create_pool;
use chapter_09::database::brands;
use clap::Parser;

/// Listing 9.8: the brands, Starlette-style, on uvicorn's port
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
    // `on_startup=[create_database_pool]`: the same pool as 9.2's, without its line.
    let database = Database::open_for_server(&Products::Catalog).await?;
    let pool = create_pool(&database, 6).await?;
    let app = Router::new()
        .route("/brands", get(brands))
        .with_state(pool.clone());
    let listener = serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    serve::tell_chosen_port(port, listener.local_addr()?);
    web_app::run_app(listener, app, || async {}).await;
    // `on_shutdown=[destroy_database_pool]`.
    pool.close();
    Ok(())
}
