//! The second anti-pattern: a per-connection setting executed once, through the pool.
//!
//! `PRAGMA synchronous = NORMAL` changes the connection it runs on, and nothing else. Run
//! through `&pool`, it runs on whichever connection the pool hands out for that one statement.
//! The other connections, opened then or later, keep SQLite's default (`FULL`): the store now
//! commits with one setting or the other depending on which connection a write happens to
//! get. (`PRAGMA journal_mode = WAL` is different: it is written into the database file, so
//! one connection setting it sets it for all, which is why this mistake goes unnoticed.)

use sqlx::Executor;
use sqlx::sqlite::SqlitePoolOptions;

use crate::contract::{ACQUIRE_TIMEOUT, Store, create_schema, file};

/// A pool sized like the fix's readers.
pub const CONNECTIONS: u32 = 4;

/// Opens the store, then sets WAL and `synchronous = NORMAL` with one statement each.
pub async fn open(path: &std::path::Path) -> sqlx::Result<Store> {
    let pool = SqlitePoolOptions::new()
        .max_connections(CONNECTIONS)
        // All four connections exist from the start, as they would after the first busy
        // moment of a real app: the pragma below lands on one of them.
        .min_connections(CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(file(path))
        .await?;
    pool.execute("PRAGMA journal_mode = WAL").await?;
    pool.execute("PRAGMA synchronous = NORMAL").await?;
    create_schema(&pool).await?;
    Ok(Store {
        writer: pool.clone(),
        reader: pool,
        gate: None,
    })
}
