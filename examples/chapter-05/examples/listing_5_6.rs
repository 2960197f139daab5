//! Listing 5.6: insert 1,000 random products and 100,000 SKUs with `executemany`.
//!
//! The Rust twin of `chapter_05/listing_5_6.py`. Each product is named by 10 different words
//! of the list and belongs to a random brand among the first 100; each SKU is a random product
//! in one of the 3 sizes and 2 colors. Everything is drawn from `--seed` (5 by default, the
//! seed the later listings' transcripts are printed from). With nothing set it starts a
//! throwaway PostgreSQL whose `products` database is as Listings 5.3 to 5.5 leave it; with
//! `DATABASE_URL` it adds the catalog to yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_6
//! ```
//!
//! Expected output: nothing, as in the book.
//! ```text
//! ```
//!
//! Where Rust differs: `executemany` is `book_db::execute_many`, one prepared statement
//! executed once per row, the executions pipelined down the connection, in a transaction
//! (Listing 5.5 says why). The 100,000 SKUs take 2.2 s or so where asyncpg takes 1.4 s: the
//! server answers tokio-postgres row by row (`docs/chapter-05.md` says why). The
//! book's listing imports Listing 5.5 for its word list, and Python runs 5.5's `main` on import,
//! so the book's run also inserts 100 more brands first; the port keeps only what the book
//! means this listing to do.

use book_db::{Database, execute_many};
use chapter_05::Products;
use chapter_05::catalog::{BOOK_SEED, common_words, products, skus};
use clap::Parser;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio_postgres::types::ToSql;

/// Listing 5.6: insert 1,000 random products and 100,000 SKUs
#[derive(Parser)]
struct Args {
    /// Seed of the random draws: the same seed inserts the same catalog
    #[arg(long, default_value_t = BOOK_SEED)]
    seed: u64,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let mut random = StdRng::seed_from_u64(args.seed);
    let common_words = common_words();
    let database = Database::open(&Products::Brands).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let product_tuples = products(&common_words, 1..=100, 1000, &mut random);
    let rows = product_tuples
        .iter()
        .map(|(name, brand_id)| [name as &(dyn ToSql + Sync), brand_id]);
    execute_many(
        &mut client,
        "INSERT INTO product VALUES(DEFAULT, $1, $2)",
        rows,
    )
    .await?;

    let sku_tuples = skus(1..=1000, 100_000, &mut random);
    let rows = sku_tuples.iter().map(|(product_id, size_id, color_id)| {
        [product_id as &(dyn ToSql + Sync), size_id, color_id]
    });
    execute_many(
        &mut client,
        "INSERT INTO sku VALUES(DEFAULT, $1, $2, $3)",
        rows,
    )
    .await?;

    drop(client);
    connection.await??;
    Ok(())
}
