//! Listing 5.5: insert 100 random brands at once, asyncpg's `executemany`.
//!
//! The Rust twin of `chapter_05/listing_5_5.py`. The brands are the first 100 of the word list
//! (`examples/chapter-05/common_words.txt`, the project's own) in a random order, drawn from
//! `--seed` (5 by default, the seed the later listings' transcripts are printed from). With
//! nothing set it starts a throwaway PostgreSQL whose `products` database is as Listings 5.3
//! and 5.4 leave it; with `DATABASE_URL` it adds the brands to yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_5
//! cargo run --example listing_5_5 -- --seed 7    # other brands
//! ```
//!
//! Expected output: nothing, as in the book.
//! ```text
//! ```
//! Expected stderr: the line that says which server the database is on (nothing, when
//! `DATABASE_URL` names your own):
//! ```text
//! Using a throwaway PostgreSQL [..] on 127.0.0.1:[..], started in [..] s with database products as after Listings 5.3 and 5.4; it goes away at exit (set DATABASE_URL to use your own server)
//! ```
//!
//! Where Rust differs: tokio-postgres has no `executemany`; `book_db::execute_many` is its
//! twin, in three steps. One prepared statement; one `execute` per row, all started before any
//! is awaited, which tokio-postgres pipelines down the connection without waiting for each
//! answer (as asyncpg does); and a transaction around them, because asyncpg's `executemany` is
//! all or nothing (`crates/book-db/src/execute_many.rs`).
//! The book's `readlines()` keeps a `'\n'` at the end of every word, so its brand names end
//! in a newline; these do not.

use book_db::{Database, execute_many};
use chapter_05::Products;
use chapter_05::catalog::{BOOK_SEED, brand_names, common_words};
use clap::Parser;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio_postgres::Client;
use tokio_postgres::types::ToSql;

/// Listing 5.5: insert 100 random brands with one prepared statement
#[derive(Parser)]
struct Args {
    /// Seed of the random order: the same seed inserts the same brands
    #[arg(long, default_value_t = BOOK_SEED)]
    seed: u64,
}

async fn insert_brands(
    common_words: &[&'static str],
    client: &mut Client,
    random: &mut StdRng,
) -> Result<u64, tokio_postgres::Error> {
    let brands = brand_names(common_words, random);
    let insert_brands = "INSERT INTO brand VALUES(DEFAULT, $1)";
    let rows = brands.iter().map(|brand| [brand as &(dyn ToSql + Sync)]);
    execute_many(client, insert_brands, rows).await
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let mut random = StdRng::seed_from_u64(args.seed);
    let common_words = common_words();
    let database = Database::open(&Products::TwoBrands).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);
    insert_brands(&common_words, &mut client, &mut random).await?;
    drop(client);
    connection.await??;
    Ok(())
}
