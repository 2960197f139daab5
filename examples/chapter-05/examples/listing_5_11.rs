//! Listing 5.11: a nested transaction, a savepoint, fails without undoing the outer one.
//!
//! The Rust twin of `chapter_05/listing_5_11.py`. The outer transaction inserts a brand; the
//! inner one inserts color 1, which exists already, so it fails and is rolled back to its
//! savepoint. The warning is logged, and the outer transaction still commits its brand. With
//! nothing set it starts a throwaway PostgreSQL whose `products` database is as Listings 5.3
//! to 5.6 leave it; with `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_11
//! ```
//!
//! Expected output: nothing, as in the book.
//! ```text
//! ```
//! On stderr: `WARN listing_5_11: Ignoring error inserting product color error=db error:
//! ERROR: duplicate key value violates unique constraint "product_color_pkey" DETAIL: Key
//! (product_color_id)=(1) already exists.`
//!
//! Where Rust differs: asyncpg turns a `transaction()` inside a transaction into a savepoint;
//! tokio-postgres does the same with `Transaction::transaction`, which borrows the outer
//! transaction mutably, so the compiler sees to it that the outer one is not used until the
//! inner one is committed or dropped (dropped: rolled back to the savepoint).

use book_db::Database;
use chapter_05::Products;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    util::log_to_stderr("info");
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let mut transaction = client.transaction().await?;
    transaction
        .execute("INSERT INTO brand VALUES(DEFAULT, 'my_new_brand')", &[])
        .await?;

    let savepoint = async {
        let savepoint = transaction.transaction().await?;
        savepoint
            .execute("INSERT INTO product_color VALUES(1, 'black')", &[])
            .await?;
        savepoint.commit().await
    }
    .await;
    if let Err(ex) = savepoint {
        tracing::warn!(
            error = %util::one_line(&ex),
            "Ignoring error inserting product color"
        );
    }
    transaction.commit().await?;

    drop(client);
    connection.await??;
    Ok(())
}
