//! Listing 8.11: the same terminal application, running the SQL you type on a pool of
//! connections.
//!
//! The Rust twin of `chapter_08/listing_8_11.py`: Listing 8.10's screen, where each line typed
//! is a query run on a task of its own, on a pool of six connections to chapter 5's
//! `products` database; its result is reported at the top while you type the next one. As in
//! chapter 5, a throwaway PostgreSQL with the catalog of Listings 5.3 to 5.6 is started for
//! the run (`DATABASE_URL` names your own server instead). Ctrl-C ends it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_11                # in a terminal
//! ```
//!
//! Expected output: the line that says which server the database is on, then, typing
//! `SELECT pg_sleep(2)`, Enter, then `SELECT * FROM brand`, Enter, `SELECT * FROM nothing`,
//! Enter, the top of the screen shows
//! ```text
//! Fetched 102 rows from: SELECT * FROM brand
//! Got exception relation "nothing" does not exist from: SELECT * FROM nothing
//! Fetched 1 rows from: SELECT pg_sleep(2)
//! ```
//! The slow query is reported last: the others ran while it waited.
//!
//! Where Rust differs:
//! - The book's `fetchrow` returns the first row, and `len()` of a row is its number of
//!   columns, so it says "Fetched 6 rows" for any product query, and fails on a query that
//!   returns no row. The count meant is the rows', so here the query's rows are fetched and
//!   counted.
//! - asyncpg's pool is deadpool-postgres's (chapter 5 says why); `async with pool.acquire()`
//!   is a pool object held in a variable, handed back when dropped.
//! - The terminal is given back however the program ends (see Listing 8.10).

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::Arc;

use book_db::Database;
use chapter_05::Products;
use chapter_05::pool::create_pool;
use chapter_08::listing_8_5::create_stdin_reader;
use chapter_08::listing_8_7::move_to_bottom_of_screen;
use chapter_08::listing_8_8::read_line;
use chapter_08::listing_8_9::MessageStore;
use chapter_08::terminal::{Cbreak, clear_screen, redraw_output};
use deadpool_postgres::Pool;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn run_query<F: Fn(&VecDeque<String>)>(
    query: String,
    pool: Pool,
    message_store: Arc<MessageStore<F>>,
) {
    let result: Result<usize, BoxError> = async {
        let connection = pool.get().await?;
        Ok(connection.query(&query, &[]).await?.len())
    }
    .await;
    match result {
        Ok(rows) => message_store.append(format!("Fetched {rows} rows from: {query}")),
        Err(error) => message_store.append(format!(
            "Got exception {} from: {query}",
            exception_text(error.as_ref())
        )),
    }
}

/// What asyncpg's exceptions say: the server's message alone, for an error the server sent.
fn exception_text(error: &(dyn std::error::Error + 'static)) -> String {
    error
        .downcast_ref::<tokio_postgres::Error>()
        .and_then(tokio_postgres::Error::as_db_error)
        .map_or_else(|| util::one_line(error), |db| db.message().to_owned())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    // Before the screen is cleared, so that an error to connect is a line in the shell.
    let database = Database::open(&Products::Catalog).await?;
    let pool = create_pool(&database, 6).await?;

    let _cbreak = Cbreak::enable()?;
    clear_screen()?;
    let mut out = io::stdout();
    let rows = move_to_bottom_of_screen(&mut out)?;
    out.flush()?;

    let messages = Arc::new(MessageStore::new(redraw_output, usize::from(rows - 1)));
    let mut stdin_reader = create_stdin_reader();

    let read_queries = async {
        while let Some(query) = read_line(&mut stdin_reader).await? {
            tokio::spawn(run_query(query, pool.clone(), Arc::clone(&messages)));
        }
        Ok::<_, io::Error>(())
    };
    tokio::select! {
        read = read_queries => read?,
        () = serve::stop_requested() => {}
    }
    pool.close();
    Ok(())
}
