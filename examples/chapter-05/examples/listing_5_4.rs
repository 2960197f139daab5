//! Listing 5.4: insert two brands and read every brand back.
//!
//! The Rust twin of `chapter_05/listing_5_4.py`. With nothing set it starts a throwaway
//! PostgreSQL whose `products` database is as Listing 5.3 leaves it; with `DATABASE_URL` it
//! uses yours, where every run adds the two brands again (and prints them all).
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_4
//! ```
//!
//! Expected output:
//! ```text
//! id: 1, name: Levis
//! id: 2, name: Seven
//! ```
//!
//! Where Rust differs: asyncpg's `fetch` returns `Record`s indexed by column name; a
//! tokio-postgres `Row` is too, and `get` says which Rust type to read the column as (`i32`
//! for `SERIAL`, `&str` for `TEXT`), checked against the column's type when it is read.

use book_db::Database;
use chapter_05::Products;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Tables).await?;
    let (client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);
    client
        .execute("INSERT INTO brand VALUES(DEFAULT, 'Levis')", &[])
        .await?;
    client
        .execute("INSERT INTO brand VALUES(DEFAULT, 'Seven')", &[])
        .await?;

    let brand_query = "SELECT brand_id, brand_name FROM brand";
    let results = client.query(brand_query, &[]).await?;

    for brand in &results {
        let id: i32 = brand.try_get("brand_id")?;
        let name: &str = brand.try_get("brand_name")?;
        println!("id: {id}, name: {name}");
    }
    drop(client);
    connection.await??;
    Ok(())
}
