//! What a transaction holds while it awaits something slow (the guide's "HTTP call inside a
//! transaction").
//!
//! Two things can be held, and they are not the same:
//!
//! - **a pool connection**, from `pool.begin()` to commit or rollback, whatever the
//!   transaction does: with a pool of one, every other task waits for the whole await;
//! - **SQLite's write lock**, only from the transaction's first write: `BEGIN` is deferred,
//!   so a transaction that has only read (or done nothing) holds no lock, and other
//!   connections write freely during its await. After a write, every other writer waits (up
//!   to its busy timeout) until the commit.
//!
//! [`slow_transaction`] runs such a transaction with the slow part handed in as a future, so
//! a test can hold it open for as long as it wants; [`try_write`] is a writer on a connection
//! of its own with no busy timeout, which says at once whether the write lock is free.

use std::future::Future;
use std::path::Path;

use sqlx::sqlite::{SqliteConnection, SqlitePool};
use sqlx::{Connection, Executor};

use crate::fixed;

/// What the transaction does before its slow await.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Before {
    /// Nothing: the guide's code, `begin()` then the HTTP call.
    Nothing,
    /// One insert: a transaction that has already written.
    AWrite,
}

/// Begins a transaction on `pool`, does `before`, awaits `slow`, inserts `id`, commits.
pub async fn slow_transaction(
    pool: &SqlitePool,
    before: Before,
    id: i64,
    slow: impl Future<Output = ()>,
) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    if before == Before::AWrite {
        insert(&mut *tx, -id).await?;
    }
    slow.await;
    insert(&mut *tx, id).await?;
    tx.commit().await
}

/// Inserts `id` on a new connection of its own whose busy timeout is zero: `Err` with
/// `SQLITE_BUSY` at once if another connection holds the write lock.
pub async fn try_write(path: &Path, id: i64) -> sqlx::Result<()> {
    write_waiting(path, id, std::time::Duration::ZERO).await
}

/// Inserts `id` on a new connection of its own, waiting up to `patience` for the write lock.
pub async fn write_waiting(
    path: &Path,
    id: i64,
    patience: std::time::Duration,
) -> sqlx::Result<()> {
    let options = fixed::options(path).busy_timeout(patience);
    let mut connection = SqliteConnection::connect_with(&options).await?;
    insert(&mut connection, id).await?;
    connection.close().await
}

async fn insert<'c, E: Executor<'c, Database = sqlx::Sqlite>>(
    executor: E,
    id: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO emails (id, subject, body) VALUES (?, 'fetched', 'from the API')")
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}
