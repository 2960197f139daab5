//! Chapter 10's whole system in one command: the four services and the backend-for-frontend.
//!
//! The book starts five programs in five terminals (Listings 10.1 and 10.5 to 10.8); this
//! starts the same routes (`examples/chapter-10/src/`) in one program, each on its book port:
//! products 8000, inventory 8001, favorites 8002, cart 8003, and the page's backend on 9000.
//! Each service is still its own example too. The three databases are throwaway PostgreSQL
//! servers (or, with `DATABASE_URL`, databases on that server). Ctrl-C or SIGTERM stops all
//! five, lets their requests in flight end, and removes the databases; a second one ends the
//! program at once.
//!
//! Run with:
//! ```text
//! cargo run --example microservices               # then, in a second terminal:
//! curl http://127.0.0.1:9000/products/all
//! ```
//!
//! Expected output:
//! ```text
//! products on http://127.0.0.1:8000
//! inventory on http://127.0.0.1:8001
//! favorites on http://127.0.0.1:8002
//! cart on http://127.0.0.1:8003
//! backend-for-frontend on http://127.0.0.1:9000
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets, after a second, the thousand products with their inventories, as from
//! `listing_10_8`.
//!
//! Where Rust differs: five servers in one runtime on one thread, where the book has five
//! event loops in five processes; one `CancellationToken` tells them all to stop.

use std::net::{Ipv4Addr, SocketAddr};

use chapter_05::Products;
use chapter_10::listing_10_4::{UserProducts, create_database_pool, destroy_database_pool};
use chapter_10::listing_10_8::Services;
use chapter_10::{listing_10_1, listing_10_7, listing_10_8};
use clap::Parser;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// Chapter 10's four services and its backend-for-frontend, in one program
#[derive(Parser)]
struct Args {
    /// Listen on ports the system chooses rather than the book's (to run beside them)
    #[arg(long)]
    free_ports: bool,
    /// Seed the inventory service's random delays and inventories, so that they repeat
    #[arg(long)]
    seed: Option<u64>,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { free_ports, seed } = Args::parse();
    util::log_to_stderr("warn");
    serve::raise_open_file_limit();
    let listen = |book_port: u16| {
        let port = if free_ports { 0 } else { book_port };
        serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
    };
    let (products, inventory, favorites, cart, backend) = (
        listen(8000)?,
        listen(8001)?,
        listen(8002)?,
        listen(8003)?,
        listen(9000)?,
    );
    // The ports first, so that one in use is an error before any database has started.
    let (
        (_products_database, products_pool),
        (_favorites_database, favorites_pool),
        (_cart_database, cart_pool),
    ) = tokio::try_join!(
        create_database_pool(&Products::Catalog),
        create_database_pool(&UserProducts::Favorites),
        create_database_pool(&UserProducts::Cart),
    )?;
    let url = |listener: &TcpListener| listener.local_addr().map(|addr| format!("http://{addr}"));
    let services = Services {
        products: url(&products)?,
        inventory: url(&inventory)?,
        favorites: url(&favorites)?,
        cart: url(&cart)?,
    };
    let applications = [
        (
            "products",
            products,
            listing_10_7::routes(products_pool.clone()),
        ),
        ("inventory", inventory, listing_10_1::routes(seed)),
        (
            "favorites",
            favorites,
            UserProducts::Favorites.routes(favorites_pool.clone()),
        ),
        ("cart", cart, UserProducts::Cart.routes(cart_pool.clone())),
        (
            "backend-for-frontend",
            backend,
            listing_10_8::routes(services),
        ),
    ];

    let stop = CancellationToken::new();
    let mut servers = JoinSet::new();
    for (name, listener, routes) in applications {
        println!("{name} on {}", url(&listener)?);
        let stopped = stop.clone().cancelled_owned();
        servers.spawn(web_app::serve_until(listener, routes, stopped, || async {}));
    }
    println!("(Press CTRL+C to quit)");

    serve::stop_requested().await;
    stop.cancel();
    servers.join_all().await;
    for pool in [products_pool, favorites_pool, cart_pool] {
        destroy_database_pool(&pool);
    }
    Ok(())
}
