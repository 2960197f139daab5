//! Listing 10.1: the inventory service, slow on purpose.
//!
//! The Rust twin of `chapter_10/listing_10_1.py`, with its route from the chapter's library
//! (`examples/chapter-10/src/listing_10_1.rs`). `GET /products/{id}/inventory` waits a random
//! 0 to 2 seconds (in tenths), then answers with a random inventory from 0 to 100: the slow,
//! unreliable service the backend-for-frontend of Listing 10.8 must not wait for too long. It
//! serves on the book's port for it, 8001, until Ctrl-C or SIGTERM; `--seed` makes the draws
//! repeat.
//!
//! Run with:
//! ```text
//! cargo run --example listing_10_1 -- --seed 1    # then, in a second terminal:
//! curl http://127.0.0.1:8001/products/1/inventory
//! ```
//!
//! Expected output:
//! ```text
//! ======== Running on http://127.0.0.1:8001 ========
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets, after up to 2 s, `{"inventory":N}`.
//!
//! Where Rust differs: with `--seed`, each product's draws come from a generator seeded with
//! the seed and the product's id, not from one generator shared by all requests as Python's
//! `random` is: the backend-for-frontend asks for a thousand inventories at once, and the
//! order they arrive in is not the same from run to run.

use chapter_10::listing_10_1::routes;
use chapter_10::listing_10_4::run_app;
use clap::Parser;

/// Listing 10.1: a slow inventory service
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8001)]
    port: u16,
    /// Seed the random delays and inventories, so that they repeat
    #[arg(long)]
    seed: Option<u64>,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port, seed } = Args::parse();
    // A backend-for-frontend connects once per product, a thousand at a time.
    serve::raise_open_file_limit();
    run_app(routes(seed), port).await?;
    Ok(())
}
