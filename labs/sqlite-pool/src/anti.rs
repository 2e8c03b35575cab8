//! The anti-pattern: a pool of fifty connections, with SQLite's defaults.
//!
//! Fifty connections is a sensible pool for a database server, whose connections are served
//! by many processes and whose writers lock rows. SQLite is a library in this process, and a
//! database file has *one* write lock: fifty connections do not write fifty times as fast,
//! they take turns. With SQLite's default rollback journal a writer also blocks every reader
//! while it commits, and each waiter polls the lock with sleeps that grow up to the busy
//! timeout, so contention costs more than the turns themselves. Fifty open connections also
//! hold fifty page caches.

use sqlx::sqlite::SqlitePoolOptions;

use crate::contract::{ACQUIRE_TIMEOUT, Store, create_schema, file};

/// The guide's "too many connections" pool.
pub const CONNECTIONS: u32 = 50;

/// Opens the store with fifty connections and the default options.
pub async fn open(path: &std::path::Path) -> sqlx::Result<Store> {
    let pool = SqlitePoolOptions::new()
        .max_connections(CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(file(path))
        .await?;
    create_schema(&pool).await?;
    Ok(Store {
        writer: pool.clone(),
        reader: pool,
        gate: None,
    })
}
