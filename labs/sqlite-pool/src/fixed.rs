//! The fix: settings on the connect options, one writer, a few readers.
//!
//! [`options`] puts WAL, `synchronous = NORMAL` and a busy timeout on `SqliteConnectOptions`,
//! which sqlx applies to every connection it opens, so no connection can miss them. Writes go
//! through a pool of exactly one connection: SQLite serialises writers anyway, and a queue in
//! the pool (a task waiting for the connection) is cheaper and fairer than writers colliding
//! on the file lock and sleeping until it frees. Reads go through a second pool of a few
//! read-only connections, which WAL lets run while the writer writes.

use std::time::Duration;

/// `synchronous` levels, for [`open_with_synchronous`].
pub use sqlx::sqlite::SqliteSynchronous as Synchronous;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use crate::contract::{ACQUIRE_TIMEOUT, Store, create_schema, file};

/// Readers: about the cores a desktop app may keep busy with queries.
pub const READERS: u32 = 4;

/// What every connection of the store gets.
pub fn options(path: &std::path::Path) -> SqliteConnectOptions {
    file(path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(Synchronous::Normal)
        // A writer of another process (a second instance, a backup tool) can still hold the
        // lock for a moment; wait for it instead of failing at once.
        .busy_timeout(Duration::from_secs(5))
}

/// Opens the store: one writer connection, a few reader connections.
pub async fn open(path: &std::path::Path) -> sqlx::Result<Store> {
    open_with_synchronous(path, Synchronous::Normal).await
}

/// As [`open`], with another `synchronous` level on every connection (the bench compares
/// `NORMAL` with `FULL`).
pub async fn open_with_synchronous(
    path: &std::path::Path,
    level: Synchronous,
) -> sqlx::Result<Store> {
    let options = options(path).synchronous(level);
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options.clone())
        .await?;
    // The schema first: read-only connections cannot create the WAL file or the table.
    create_schema(&writer).await?;
    let reader = SqlitePoolOptions::new()
        .max_connections(READERS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options.read_only(true))
        .await?;
    Ok(Store {
        writer,
        reader,
        gate: None,
    })
}
