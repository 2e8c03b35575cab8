//! The contract every variant keeps: a store of emails in one SQLite file, written and read
//! by many tasks at once.
//!
//! A variant is only *how the store opens its pool*: how many connections, which options each
//! connection gets, and whether something stands in front of the pool. The operations are the
//! same for all of them ([`Store`]), so the throughput the bench measures and the settings the
//! probe reads from every pooled connection differ by that one decision.
//!
//! The rules a store on SQLite keeps:
//!
//! - every connection it hands out runs with the same settings (journal mode, `synchronous`,
//!   busy timeout): a setting that only some connections have is a setting the store does not
//!   have;
//! - writers do not fail with `SQLITE_BUSY` under the load it was sized for: SQLite has one
//!   write lock per database, so writers wait for each other, and they must wait in a queue
//!   (the pool's) rather than fail;
//! - readers are not stopped by a writer (write-ahead logging).

use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::{Executor, Row};

/// The table every variant stores into.
pub const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS emails (\
    id INTEGER PRIMARY KEY, subject TEXT NOT NULL, body TEXT NOT NULL)";

/// How long any store waits for a pooled connection before it reports an error: far longer
/// than any operation here takes, so an error means the pool was stuck, not busy.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

/// One store: where writes go, where reads go (the same pool for most variants), and an
/// optional gate in front of both.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) writer: SqlitePool,
    pub(crate) reader: SqlitePool,
    pub(crate) gate: Option<std::sync::Arc<tokio::sync::Semaphore>>,
}

impl Store {
    /// A store over pools built elsewhere (the probe's pool-size sweep), no gate.
    pub fn from_pools(writer: SqlitePool, reader: SqlitePool) -> Store {
        Store {
            writer,
            reader,
            gate: None,
        }
    }

    /// Inserts one email in its own transaction (SQLite's autocommit).
    pub async fn insert(&self, id: i64) -> sqlx::Result<()> {
        let _permit = self.pass_gate().await;
        sqlx::query("INSERT INTO emails (id, subject, body) VALUES (?, ?, ?)")
            .bind(id)
            .bind(format!("subject {id}"))
            .bind("a body of a few dozen bytes, as an email's preview would be")
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Reads one email's subject, if it is there.
    pub async fn subject(&self, id: i64) -> sqlx::Result<Option<String>> {
        let _permit = self.pass_gate().await;
        let row = sqlx::query("SELECT subject FROM emails WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// How many emails are stored.
    pub async fn count(&self) -> sqlx::Result<i64> {
        let row = sqlx::query("SELECT count(*) FROM emails")
            .fetch_one(&self.reader)
            .await?;
        Ok(row.get(0))
    }

    /// The pool writes go through.
    pub fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// The pool reads go through.
    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// Closes both pools (every connection is closed, the WAL checkpointed).
    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }

    async fn pass_gate(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        match &self.gate {
            Some(gate) => Some(gate.acquire().await.expect("the gate is never closed")),
            None => None,
        }
    }
}

/// The options every variant starts from: the file, created if missing.
pub fn file(path: &std::path::Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
}

/// Creates the table through `pool`.
pub async fn create_schema(pool: &SqlitePool) -> sqlx::Result<()> {
    pool.execute(SCHEMA).await?;
    Ok(())
}
