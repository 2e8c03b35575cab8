//! Right: the pragmas in an `after_connect` hook, which runs on every new connection.

use std::future::Future;
use std::path::Path;

use sqlx::Executor;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// One fetched email: its id and its subject.
pub type Email = (i64, String);

/// Opens the store; every connection runs the pragmas as it is opened.
pub async fn open(path: &Path) -> sqlx::Result<SqlitePool> {
    let options = SqliteConnectOptions::new().filename(path).create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(3)
        .after_connect(|connection, _meta| {
            Box::pin(async move {
                connection
                    .execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 3000;")
                    .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
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
