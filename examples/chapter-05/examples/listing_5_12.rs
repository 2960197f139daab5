//! Listing 5.12: a transaction started, committed or rolled back by hand.
//!
//! The Rust twin of `chapter_05/listing_5_12.py`. Both inserts succeed, so the transaction is
//! committed; a database error from either would roll it back instead. With nothing set it
//! starts a throwaway PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it;
//! with `DATABASE_URL` it uses yours, where each run adds two brands more.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_12
//! ```
//!
//! Expected output:
//! ```text
//! No errors, committing transaction!
//! [<Record brand_name='brand_1'>, <Record brand_name='brand_2'>]
//! ```
//!
//! Where Rust differs: `client.transaction()` is asyncpg's `transaction()` and `start()` in
//! one. The book catches only `asyncpg.PostgresError`; here that is an error that carries the
//! server's answer (`as_db_error`), and any other error (a lost connection) leaves `main` with
//! `?`, which rolls the transaction back as it is dropped.

use book_db::{Database, Records};
use chapter_05::Products;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let transaction = client.transaction().await?;
    let inserted = async {
        transaction
            .execute("INSERT INTO brand VALUES(DEFAULT, 'brand_1')", &[])
            .await?;
        transaction
            .execute("INSERT INTO brand VALUES(DEFAULT, 'brand_2')", &[])
            .await
    }
    .await;
    match inserted {
        Err(error) if error.as_db_error().is_some() => {
            println!("Errors, rolling back transaction!");
            transaction.rollback().await?;
        }
        Err(error) => return Err(error.into()),
        Ok(_) => {
            println!("No errors, committing transaction!");
            transaction.commit().await?;
        }
    }

    let query = "SELECT brand_name FROM brand WHERE brand_name LIKE 'brand%'";
    let brands = client.query(query, &[]).await?;
    println!("{}", Records(&brands));
    drop(client);
    connection.await??;
    Ok(())
}
