//! The limit: the load's writes on one bare connection, no pool, no tasks.
//!
//! However a store is pooled, every write goes through SQLite's one write lock in turn, while
//! reads can run beside the writer on other connections (under WAL). So the load cannot
//! finish faster than its writes done one after another by a connection doing nothing else.
//! [`Bare`] is that connection: a single `SqliteConnection` with the fix's options, used from
//! the calling task, with no pool to acquire from and no second connection to collide with.

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
