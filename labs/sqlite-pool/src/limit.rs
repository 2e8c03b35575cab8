//! The limit: the same statements on one bare connection, no pool, no tasks.
//!
//! However a store is pooled, every write goes through SQLite's one write lock in turn, and a
//! read is a B-tree lookup in this process. [`Bare`] runs the load's statements one after
//! another on a single `SqliteConnection` with the fix's options, from the calling task: no
//! pool to acquire from, no second connection to collide with, no task to wake. It is the
//! floor the bench compares the fix with.

use sqlx::sqlite::SqliteConnection;
use sqlx::{Connection, Executor, Row};

use crate::contract::SCHEMA;
use crate::fixed;

/// One connection, opened with the fix's options.
pub struct Bare {
    connection: SqliteConnection,
}

impl Bare {
    /// Opens the connection and creates the table.
    pub async fn open(path: &std::path::Path) -> sqlx::Result<Bare> {
        let mut connection = SqliteConnection::connect_with(&fixed::options(path)).await?;
        connection.execute(SCHEMA).await?;
        Ok(Bare { connection })
    }

    /// Inserts one email, as [`crate::Store::insert`] does.
    pub async fn insert(&mut self, id: i64) -> sqlx::Result<()> {
        sqlx::query("INSERT INTO emails (id, subject, body) VALUES (?, ?, ?)")
            .bind(id)
            .bind(format!("subject {id}"))
            .bind("a body of a few dozen bytes, as an email's preview would be")
            .execute(&mut self.connection)
            .await?;
        Ok(())
    }

    /// Reads one subject, as [`crate::Store::subject`] does.
    pub async fn subject(&mut self, id: i64) -> sqlx::Result<Option<String>> {
        let row = sqlx::query("SELECT subject FROM emails WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut self.connection)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }
}
