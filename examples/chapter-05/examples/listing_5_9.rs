//! Listing 5.9: two inserts in a transaction, committed together.
//!
//! The Rust twin of `chapter_05/listing_5_9.py`. With nothing set it starts a throwaway
//! PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it; with
//! `DATABASE_URL` it uses yours, where each run adds two brands more (and prints them all).
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_9
//! ```
//!
//! Expected output:
//! ```text
//! [<Record brand_name='brand_1'>, <Record brand_name='brand_2'>]
//! ```
//!
//! Where Rust differs: `async with connection.transaction()` commits when the block ends and
//! rolls back when an exception leaves it. A tokio-postgres `Transaction` commits only when
//! told to (`commit` takes it by value, so it cannot be used afterwards); if it is dropped
//! first, by a `?` that returns an error for instance, it rolls back. The rows print as
//! asyncpg's `Record`s (`book_db::Records`).

use book_db::{Database, Records};
use chapter_05::Products;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let transaction = client.transaction().await?;
    transaction
        .execute("INSERT INTO brand VALUES(DEFAULT, 'brand_1')", &[])
        .await?;
    transaction
        .execute("INSERT INTO brand VALUES(DEFAULT, 'brand_2')", &[])
        .await?;
    transaction.commit().await?;

    let query = "SELECT brand_name FROM brand WHERE brand_name LIKE 'brand%'";
    let brands = client.query(query, &[]).await?;
    println!("{}", Records(&brands));
    drop(client);
    connection.await??;
    Ok(())
}
