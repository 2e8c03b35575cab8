//! Right: WAL set once through the pool (it is stored in the file), the rest on the options.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use sqlx::Executor;
use sqlx::sqlite::{
    SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// One fetched email: its id and its subject.
pub type Email = (i64, String);

/// Opens (creating it if needed) the store in the database file at `path`.
pub async fn open(path: &Path) -> sqlx::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    // Unlike `synchronous`, the journal mode is the database file's: one connection setting
    // it sets it for every connection, present and future.
    pool.execute("PRAGMA journal_mode = WAL").await?;
    pool.execute("CREATE TABLE IF NOT EXISTS emails (id INTEGER PRIMARY KEY, subject TEXT NOT NULL)")
        .await?;
    Ok(pool)
}

/// Fetches a batch with `fetch` and then saves it in one short transaction.
pub async fn save_fetched<F>(pool: &SqlitePool, fetch: F) -> anyhow::Result<usize>
where
    F: Future<Output = Vec<Email>>,
{
    let emails = fetch.await;
    let mut tx = pool.begin().await?;
    for (id, subject) in &emails {
        sqlx::query("INSERT INTO emails (id, subject) VALUES (?, ?)")
            .bind(id)
            .bind(subject)
            .execute(&mut *tx)
            .await?;
    }
    // Dropping `tx` on an error above rolls the whole batch back.
    tx.commit().await?;
    Ok(emails.len())
}
