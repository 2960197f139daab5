//! Listing 5.3: create the product database's tables and fill the colors and sizes.
//!
//! The Rust twin of `chapter_05/listing_5_3.py`. It runs Listing 5.2's statements (the module
//! `chapter_05::listing_5_2`, whose `STATEMENTS` lists them in this listing's order) one after the
//! other and prints the status the server reports for each.
//! With nothing set it starts a throwaway PostgreSQL whose `products` database is empty, as
//! the book's is at this point; with `DATABASE_URL` it uses yours, and a second run there fails
//! on the colors and sizes already in it, as the book's does.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_3
//! ```
//!
//! Expected output:
//! ```text
//! Creating the product database...
//! CREATE TABLE
//! CREATE TABLE
//! CREATE TABLE
//! CREATE TABLE
//! CREATE TABLE
//! INSERT 0 1
//! INSERT 0 1
//! Finished creating the product database!
//! ```
//!
//! Where Rust differs: asyncpg's `execute` returns the server's status text (`INSERT 0 1`).
//! tokio-postgres keeps that text to itself and reports only how many rows each command
//! touched, so the status printed here is rebuilt from the statement's first words and that
//! count. The insert constants hold several statements each, which only the simple query
//! protocol accepts: `simple_query` is that protocol, and, like asyncpg, the status shown is
//! the last statement's.

use book_db::Database;
use chapter_05::Products;
use chapter_05::listing_5_2::STATEMENTS;
use tokio_postgres::SimpleQueryMessage;

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Empty).await?;
    let (client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);
    println!("Creating the product database...");
    for statement in STATEMENTS {
        let messages = client.simple_query(statement).await?;
        let rows = messages.iter().rev().find_map(|message| match message {
            SimpleQueryMessage::CommandComplete(rows) => Some(*rows),
            _ => None,
        });
        println!("{}", status(statement, rows.unwrap_or(0)));
    }
    println!("Finished creating the product database!");
    drop(client);
    connection.await??;
    Ok(())
}

/// The server's status text for the last statement of `sql`, which touched `rows` rows:
/// `CREATE TABLE`, `INSERT 0 1` (the 0 is a row id that PostgreSQL no longer hands out).
fn status(sql: &str, rows: u64) -> String {
    let last = sql
        .split(';')
        .rfind(|statement| !statement.trim().is_empty())
        .unwrap_or(sql);
    let words: Vec<String> = last
        .split_whitespace()
        .take(2)
        .map(str::to_uppercase)
        .collect();
    match words.first().map(String::as_str) {
        Some("INSERT") => format!("INSERT 0 {rows}"),
        Some("UPDATE" | "DELETE" | "SELECT" | "COPY") => format!("{} {rows}", words[0]),
        _ => words.join(" "),
    }
}
