//! Wrong: the fetch before `begin()`, but on a connection acquired first and held through it.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use sqlx::Executor;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// One fetched email: its id and its subject.
pub type Email = (i64, String);

/// Opens (creating it if needed) the store in the database file at `path`.
pub async fn open(path: &Path) -> sqlx::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    pool.execute("CREATE TABLE IF NOT EXISTS emails (id INTEGER PRIMARY KEY, subject TEXT NOT NULL)")
        .await?;
    Ok(pool)
}

/// Acquires "its" connection first, so the batch is sure to get one: held through the fetch.
pub async fn save_fetched<F>(pool: &SqlitePool, fetch: F) -> anyhow::Result<usize>
where
    F: Future<Output = Vec<Email>>,
{
    let mut connection = pool.acquire().await?;
    let emails = fetch.await;
    let mut tx = sqlx::Connection::begin(&mut *connection).await?;
    for (id, subject) in &emails {
        sqlx::query("INSERT INTO emails (id, subject) VALUES (?, ?)")
            .bind(id)
            .bind(subject)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(emails.len())
}
