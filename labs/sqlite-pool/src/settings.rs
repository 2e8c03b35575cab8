//! What each pooled connection is really running with, read from the connections themselves.
//!
//! A pragma's value is per connection (`synchronous`, `busy_timeout`) or per database file
//! (`journal_mode` once it is WAL). The only way to know what a pool's connections run with
//! is to ask each one, so [`of_every_connection`] takes every connection the pool may open,
//! all at once (so the pool has to open them all), and queries each.

use serde::Serialize;
use sqlx::Row;
use sqlx::sqlite::SqlitePool;

/// One connection's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// `PRAGMA synchronous`: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    pub synchronous: i64,
    /// `PRAGMA journal_mode`: `delete`, `wal`, ...
    pub journal_mode: String,
    /// `PRAGMA busy_timeout`, in milliseconds.
    pub busy_timeout_ms: i64,
}

/// The settings of every connection `pool` may hold, opening them all.
pub async fn of_every_connection(pool: &SqlitePool) -> sqlx::Result<Vec<Settings>> {
    let max = pool.options().get_max_connections();
    // Held together: a connection released back to the pool would be handed out again.
    let mut held = Vec::new();
    for _ in 0..max {
        held.push(pool.acquire().await?);
    }
    let mut settings = Vec::new();
    for connection in &mut held {
        let synchronous: i64 = sqlx::query("PRAGMA synchronous")
            .fetch_one(&mut **connection)
            .await?
            .get(0);
        let journal_mode: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(&mut **connection)
            .await?
            .get(0);
        let busy_timeout_ms: i64 = sqlx::query("PRAGMA busy_timeout")
            .fetch_one(&mut **connection)
            .await?
            .get(0);
        settings.push(Settings {
            synchronous,
            journal_mode,
            busy_timeout_ms,
        });
    }
    Ok(settings)
}

/// The name SQLite gives a `synchronous` level.
pub fn synchronous_name(level: i64) -> &'static str {
    match level {
        0 => "OFF",
        1 => "NORMAL",
        2 => "FULL",
        3 => "EXTRA",
        _ => "?",
    }
}
