//! Listing 5.16: move a cursor 500 rows forward, then fetch 100.
//!
//! The Rust twin of `chapter_05/listing_5_16.py`. The server skips the first 500 products
//! without sending them, then sends the next 100. With nothing set it starts a throwaway
//! PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it; with
//! `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_16
//! ```
//!
//! Expected output: products 501 to 600.
//! ```text
//! <Record product_id=501 product_name='held nothing events unstable registered ctrl list checked calls iter'>
//! <Record product_id=502 product_name='sees awaits site checkout addr already byte user being setter'>
//! ...
//! <Record product_id=600 product_name='instead single alice listen gone frame through flavour opens everything'>
//! ```
//!
//! Where Rust differs: `cursor.forward(500)` and `cursor.fetch(100)` are the same calls on
//! `book_db::Cursor` (SQL's `MOVE FORWARD 500` and `FETCH FORWARD 100`). The query has no
//! `ORDER BY`, so "the first 500" are the first in the table's storage, which for a table
//! filled once and never changed is the order of insertion.

use book_db::{Cursor, Database, Record};
use chapter_05::Products;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let transaction = client.transaction().await?;
    let query = "SELECT product_id, product_name from product";
    let cursor = Cursor::open(&transaction, query).await?;
    cursor.forward(500).await?;
    let products = cursor.fetch(100).await?;
    for product in &products {
        println!("{}", Record(product));
    }
    transaction.commit().await?;

    drop(client);
    connection.await??;
    Ok(())
}
