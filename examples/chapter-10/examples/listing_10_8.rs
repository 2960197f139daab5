//! Listing 10.8: the backend-for-frontend, which answers a product page within a second.
//!
//! The Rust twin of `chapter_10/listing_10_8.py`, with its route from the chapter's library
//! (`examples/chapter-10/src/listing_10_8.rs`). `GET /products/all` asks the product service
//! (10.7) for every product, the inventory service (10.1) for each one's stock, and the
//! favorites (10.5) and cart (10.6) services for user 3's, and answers with what came back
//! within a second: `null` for an inventory, cart or favorites that did not, 504 if the
//! products did not, 500 if their service failed. It serves on port 9000 until Ctrl-C or
//! SIGTERM and expects the services on the book's ports (`--products-url` and its siblings
//! point elsewhere); `microservices` starts all five at once.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_8                # with the four services running, then:
//! curl http://127.0.0.1:9000/products/all
//! ```
//!
//! Expected output:
//! ```text
//! ======== Running on http://127.0.0.1:9000 ========
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets, after a second,
//! `{"cart_items":0,"favorite_items":3,"products":[{"product_id":1,"inventory":null},...]}`,
//! about half the inventories `null`: those whose random wait was a second or more.
//!
//! Where Rust differs: one deadline covers the whole request, where the book waits a second for
//! the first three services and then a second more for the inventories (two seconds when the
//! cart is slow); and the products keep their order. A request is a spawned task held by an
//! `AbortOnDropHandle`: dropping it is the book's `task.cancel()`.

use chapter_10::listing_10_4::run_app;
use chapter_10::listing_10_8::{Services, routes};
use clap::Parser;

/// Listing 10.8: the backend-for-frontend
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 9000)]
    port: u16,
    /// The product service (Listing 10.7)
    #[arg(long, default_value_t = Services::book().products)]
    products_url: String,
    /// The inventory service (Listing 10.1)
    #[arg(long, default_value_t = Services::book().inventory)]
    inventory_url: String,
    /// The favorites service (Listing 10.5)
    #[arg(long, default_value_t = Services::book().favorites)]
    favorites_url: String,
    /// The cart service (Listing 10.6)
    #[arg(long, default_value_t = Services::book().cart)]
    cart_url: String,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    util::log_to_stderr("warn");
    // A thousand inventory requests at once, one connection each.
    serve::raise_open_file_limit();
    let services = Services {
        products: args.products_url,
        inventory: args.inventory_url,
        favorites: args.favorites_url,
        cart: args.cart_url,
    };
    run_app(routes(services), args.port).await?;
    Ok(())
}
