//! A writer killed in the middle of its batches, and what the file says afterwards.
//!
//! [`write_until_killed`] inserts batches of rows in transactions, forever, and after each
//! commit prints how many rows it has committed. The probe runs it in a child process, reads
//! those lines, and kills it with `SIGKILL` (no destructor, no close, no checkpoint: what a
//! crash or the OOM killer does) at a moment of its choosing. [`inspect`] then opens the file
//! and reports `PRAGMA integrity_check` and the rows present, which must be at least the rows
//! the child said it had committed.
//!
//! A killed *process* is not a power cut: the kernel still has every write the process made,
//! so this tests SQLite's journal against a crash, not the disk's cache against a power
//! loss (where `synchronous = NORMAL` under WAL may lose the last commits, by design).

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Executor, Row};

use crate::contract::{SCHEMA, file};

/// Rows per committed batch.
pub const BATCH: i64 = 100;

/// The journal and durability settings a crash is tried against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Journal {
    /// The fix's settings: write-ahead log, `synchronous = NORMAL`.
    WalNormal,
    /// SQLite's defaults: rollback journal (`DELETE`), `synchronous = FULL`.
    RollbackFull,
}

impl Journal {
    fn options(self, path: &Path) -> SqliteConnectOptions {
        match self {
            Journal::WalNormal => file(path)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal),
            Journal::RollbackFull => file(path)
                .journal_mode(SqliteJournalMode::Delete)
                .synchronous(SqliteSynchronous::Full),
        }
    }
}

/// Writes batches until the process is killed (or `max_batches` are written), printing
/// `committed <rows>` on stdout after every commit.
pub async fn write_until_killed(
    path: &Path,
    journal: Journal,
    max_batches: u64,
) -> anyhow::Result<()> {
    let mut connection = sqlx::SqliteConnection::connect_with(&journal.options(path)).await?;
    connection.execute(SCHEMA).await?;
    let mut stdout = std::io::stdout().lock();
    for batch in 0..max_batches as i64 {
        let mut tx = connection.begin().await?;
        for row in 0..BATCH {
            sqlx::query("INSERT INTO emails (id, subject, body) VALUES (?, 'batch', ?)")
                .bind(batch * BATCH + row)
                .bind("x".repeat(200))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        writeln!(stdout, "committed {}", (batch + 1) * BATCH)?;
        stdout.flush()?;
    }
    Ok(())
}

/// What a file looks like after the crash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    /// `PRAGMA integrity_check` said `ok`.
    pub intact: bool,
    /// Rows in the table.
    pub rows: i64,
}

/// Opens the file as a new process would after the crash (recovering the journal) and checks it.
pub async fn inspect(path: &Path, journal: Journal) -> anyhow::Result<Inspection> {
    let mut connection = sqlx::SqliteConnection::connect_with(&journal.options(path)).await?;
    let check: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await?
        .get(0);
    // A file killed before its first commit may have no table yet: zero rows, not an error.
    let rows: i64 = match sqlx::query("SELECT count(*) FROM emails")
        .fetch_one(&mut connection)
        .await
    {
        Ok(row) => row.get(0),
        Err(_) => 0,
    };
    connection.close().await?;
    Ok(Inspection {
        intact: check == "ok",
        rows,
    })
}
