//! asyncpg's `executemany`, which tokio-postgres lacks.
//!
//! Crates checked: tokio-postgres offers pipelining (several requests in flight on one
//! connection) but no call that runs a statement once per row; deadpool-postgres adds only the
//! pool and the statement cache; sqlx's `QueryBuilder::push_values` builds one multi-row
//! `INSERT` instead, which is another statement with other limits (65,535 parameters).

use futures::future::try_join_all;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Error};

/// Runs `statement` once for each row of parameters, as asyncpg's
/// `connection.executemany(statement, rows)` does: prepared once; every execution started
/// before any is awaited, so that tokio-postgres pipelines them down the connection without
/// waiting for each answer; and all in one transaction, because asyncpg's `executemany` is
/// all or nothing. The rows are sent in order, so `SERIAL` ids follow it. Returns how many
/// rows the executions touched in all.
///
/// # Errors
/// The first error of any execution; the transaction is then rolled back.
pub async fn execute_many<const N: usize>(
    client: &mut Client,
    statement: &str,
    rows: impl IntoIterator<Item = [&(dyn ToSql + Sync); N]>,
) -> Result<u64, Error> {
    let transaction = client.transaction().await?;
    let prepared = transaction.prepare(statement).await?;
    let executions = rows
        .into_iter()
        .map(|row| transaction.execute_raw(&prepared, row));
    let touched = try_join_all(executions).await?.into_iter().sum();
    transaction.commit().await?;
    Ok(touched)
}
