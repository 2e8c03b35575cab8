//! Right: the pragmas as raw `pragma()` options, and the batch saved by one multi-row INSERT.

use std::future::Future;
use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::{Executor, QueryBuilder, Sqlite};

/// One fetched email: its id and its subject.
pub type Email = (i64, String);

/// Opens the store; the pragmas are options, so every connection gets them.
pub async fn open(path: &Path) -> sqlx::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .pragma("journal_mode", "WAL")
        .pragma("synchronous", "NORMAL")
        .pragma("busy_timeout", "2000");
    let pool = SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await?;
    pool.execute("CREATE TABLE IF NOT EXISTS emails (id INTEGER PRIMARY KEY, subject TEXT NOT NULL)")
        .await?;
    Ok(pool)
}

/// Fetches, then saves the batch with one statement, which SQLite applies whole or not at all.
pub async fn save_fetched<F>(pool: &SqlitePool, fetch: F) -> anyhow::Result<usize>
where
    F: Future<Output = Vec<Email>>,
{
    let emails = fetch.await;
    if emails.is_empty() {
        return Ok(0);
    }
    let mut insert: QueryBuilder<'_, Sqlite> = QueryBuilder::new("INSERT INTO emails (id, subject) ");
    insert.push_values(&emails, |mut row, (id, subject)| {
        row.push_bind(id).push_bind(subject);
    });
    insert.build().execute(pool).await?;
    Ok(emails.len())
}
