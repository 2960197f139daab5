//! asyncpg's cursor, which tokio-postgres lacks: rows fetched from the server a batch at a
//! time as they are asked for, as a `Stream` (`async for`), or moved over and fetched by hand
//! (`forward` and `fetch`).
//!
//! tokio-postgres has the protocol's portals (`Transaction::bind` and `query_portal`), which
//! fetch a batch at a time but cannot skip rows without sending them, and it keeps a portal's
//! name to itself, so SQL cannot `MOVE` it. This cursor is SQL's own: `DECLARE`, then `FETCH`
//! and `MOVE`, which is also what asyncpg's `forward` sends. Crates checked: sqlx streams a
//! query's rows but has no cursor to move; `postgres-cursor` (for the blocking `postgres`
//! crate) has not been released since 2019.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

use futures::Stream;
use futures::stream;
use tokio_postgres::{Error, Row, Transaction};

/// A server-side cursor over a query's rows. A cursor lives in a transaction, and the type
/// says so: it borrows the [`Transaction`], and is closed when the transaction ends.
pub struct Cursor<'t> {
    transaction: &'t Transaction<'t>,
    name: String,
}

impl<'t> Cursor<'t> {
    /// Declares a cursor for `query` (`connection.cursor(query)` in asyncpg). The server
    /// plans the query and produces no row until one is fetched.
    pub async fn open(transaction: &'t Transaction<'t>, query: &str) -> Result<Self, Error> {
        static CURSORS: AtomicU64 = AtomicU64::new(0);
        let name = format!("cursor_{}", CURSORS.fetch_add(1, Ordering::Relaxed));
        transaction
            .batch_execute(&format!("DECLARE {name} NO SCROLL CURSOR FOR {query}"))
            .await?;
        Ok(Cursor { transaction, name })
    }

    /// Skips `rows` rows on the server, without sending them; returns how many it skipped.
    pub async fn forward(&self, rows: u32) -> Result<u64, Error> {
        let moved = format!("MOVE FORWARD {rows} FROM {}", self.name);
        self.transaction.execute(&moved, &[]).await
    }

    /// The next `rows` rows, or fewer at the end.
    pub async fn fetch(&self, rows: u32) -> Result<Vec<Row>, Error> {
        let fetch = format!("FETCH FORWARD {rows} FROM {}", self.name);
        self.transaction.query(&fetch, &[]).await
    }

    /// Every remaining row, fetched `prefetch` at a time as the stream is polled (asyncpg's
    /// `async for` over a cursor prefetches 50).
    pub fn rows(self, prefetch: u32) -> impl Stream<Item = Result<Row, Error>> + 't {
        let batch = VecDeque::new();
        stream::try_unfold(
            (self, batch, false),
            move |(cursor, mut batch, mut ended)| async move {
                if batch.is_empty() && !ended {
                    let rows = cursor.fetch(prefetch).await?;
                    ended = rows.len() < prefetch as usize;
                    batch.extend(rows);
                }
                Ok(batch.pop_front().map(|row| (row, (cursor, batch, ended))))
            },
        )
    }
}
