//! Listing 5.15: `async for` over a server-side cursor of every product.
//!
//! The Rust twin of `chapter_05/listing_5_15.py`. The rows come from the server 50 at a time
//! as the loop asks for them, not all at once. With nothing set it starts a throwaway
//! PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it (the catalog of
//! seed 5); with `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_15
//! ```
//!
//! Expected output: the 1,000 products, in the order they were inserted.
//! ```text
//! <Record product_id=1 product_name='file group slow listing checked behind unstable acquired itself legacy'>
//! <Record product_id=2 product_name='compile group buffer replacing warning stdout million pool races reached'>
//! ...
//! <Record product_id=1000 product_name='where fetch accept hint multi deadline limit except unstable first'>
//! ```
//!
//! Where Rust differs: asyncpg's cursor is `book_db::Cursor` (tokio-postgres has none that can
//! skip rows; `crates/book-db/src/cursor.rs` says why it is SQL's own `DECLARE` and `FETCH`).
//! Its rows are a `Stream` of `Result`s, since each batch is a query that can fail:
//! `try_next` turns the error into a `?`. A cursor needs a transaction, and the cursor borrows
//! it, so the compiler refuses a cursor that outlives its transaction.

use book_db::{Cursor, Database, Record};
use chapter_05::Products;
use futures::TryStreamExt;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let query = "SELECT product_id, product_name FROM product";
    let transaction = client.transaction().await?;
    {
        // The block is the `async with`: the cursor's rows borrow the transaction, and must be
        // gone before it can be committed.
        let products = Cursor::open(&transaction, query).await?.rows(50);
        let mut products = std::pin::pin!(products);
        while let Some(product) = products.try_next().await? {
            println!("{}", Record(&product));
        }
    }
    transaction.commit().await?;

    drop(client);
    connection.await??;
    Ok(())
}
