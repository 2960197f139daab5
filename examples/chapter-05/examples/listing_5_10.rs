//! Listing 5.10: a transaction that fails on a duplicate key is rolled back whole.
//!
//! The Rust twin of `chapter_05/listing_5_10.py`. The transaction inserts brand 9999 twice;
//! the second insert breaks the primary key, the error is logged, and the first insert is
//! rolled back with it, so the query afterwards finds no `big_` brand. With nothing set it
//! starts a throwaway PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it;
//! with `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_10
//! ```
//!
//! Expected output:
//! ```text
//! Query result was: []
//! ```
//! and on stderr the logged error: `ERROR listing_5_10: Error while running transaction
//! error=db error: ERROR: duplicate key value violates unique constraint "brand_pkey" DETAIL:
//! Key (brand_id)=(9999) already exists.`
//!
//! Where Rust differs: Python's `try`/`except`/`finally` is an `async` block whose `Result` is
//! looked at afterwards; the code after it is the `finally`. The failed transaction is rolled
//! back because it is dropped without a `commit`. Python's `logging.exception` prints a
//! traceback; tracing logs the error and its causes (the server's message and detail), and
//! asyncpg's `UniqueViolationError` class is the error's SQLSTATE code, `23505`.

use book_db::{Database, Records};
use chapter_05::Products;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    util::log_to_stderr("info");
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let transaction = async {
        let transaction = client.transaction().await?;
        let insert_brand = "INSERT INTO brand VALUES(9999, 'big_brand')";
        transaction.execute(insert_brand, &[]).await?;
        transaction.execute(insert_brand, &[]).await?;
        transaction.commit().await
    }
    .await;
    if let Err(error) = transaction {
        tracing::error!(
            error = %util::one_line(&error),
            "Error while running transaction"
        );
    }

    let query = "SELECT brand_name FROM brand WHERE brand_name LIKE 'big_%'";
    let brands = client.query(query, &[]).await?;
    println!("Query result was: {}", Records(&brands));
    drop(client);
    connection.await??;
    Ok(())
}
