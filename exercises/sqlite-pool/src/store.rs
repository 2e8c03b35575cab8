//! An app's email store on SQLite: open it, and save what a sync fetched from the server.
//!
//! It works, on a developer's machine, one task at a time. Under a real app's load it has
//! two problems. The `PRAGMA`s below run once through the pool, so they set whichever
//! connection ran them; and `save_fetched` opens its transaction before the (slow, remote)
//! fetch, so a pooled connection, and whatever the transaction has locked, waits for the
//! network. Make every connection run with WAL, `synchronous = NORMAL` and a busy timeout of at
//! least a second, keep at least two connections, and hold nothing while the fetch runs,
//! while still saving each batch all or nothing.

use std::future::Future;
use std::path::Path;

use sqlx::Executor;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// One fetched email: its id and its subject.
pub type Email = (i64, String);

/// Opens (creating it if needed) the store in the database file at `path`.
pub async fn open(path: &Path) -> sqlx::Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    pool.execute("PRAGMA journal_mode = WAL").await?;
    pool.execute("PRAGMA synchronous = NORMAL").await?;
    pool.execute(
        "CREATE TABLE IF NOT EXISTS emails (id INTEGER PRIMARY KEY, subject TEXT NOT NULL)",
    )
    .await?;
    Ok(pool)
}

/// Fetches a batch with `fetch` (a call to the mail server) and saves it, all or nothing.
pub async fn save_fetched<F>(pool: &SqlitePool, fetch: F) -> anyhow::Result<usize>
where
    F: Future<Output = Vec<Email>>,
{
    let mut tx = pool.begin().await?;
    let emails = fetch.await;
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
