//! The exercise's tests, in one binary: what every pooled connection runs with, what the
//! store holds while a fetch runs, and that a batch is saved whole or not at all.
//!
//! Each test opens the store in a temporary directory of its own. The fetch is a future the
//! test writes, so it can look at the pool and the file *while* the fetch runs; nothing is
//! timed. The one clock is a hang guard: a pool too small to hand out a second connection
//! makes the waiting test fail with a message instead of waiting for sqlx's own 30 s timeout.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use exercise_sqlite_pool::{Email, open, save_fetched};
use sqlite_pool::settings::of_every_connection;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Row};
use tempfile::TempDir;

const HANG_GUARD: Duration = Duration::from_secs(5);

fn database() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("store.db");
    (dir, path)
}

/// Inserts on a connection of its own with no busy timeout: `Err` at once if any other
/// connection holds the write lock.
async fn impatient_write(path: &std::path::Path, id: i64) -> sqlx::Result<()> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .busy_timeout(Duration::ZERO);
    let mut connection = sqlx::SqliteConnection::connect_with(&options).await?;
    sqlx::query("INSERT INTO emails (id, subject) VALUES (?, 'written during the fetch')")
        .bind(id)
        .execute(&mut connection)
        .await?;
    connection.close().await
}

/// Waits until every connection the pool has opened is back in it: sqlx returns a connection
/// from a task of its own after the statement that used it, so "in use" is only zero once
/// those returns have run.
async fn settled(pool: &sqlx::SqlitePool) {
    tokio::time::timeout(HANG_GUARD, async {
        while pool.num_idle() < pool.size() as usize {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the pool got its connections back");
}

fn batch(ids: std::ops::Range<i64>) -> Vec<Email> {
    ids.map(|id| (id, format!("subject {id}"))).collect()
}

async fn count(pool: &sqlx::SqlitePool) -> i64 {
    sqlx::query("SELECT count(*) FROM emails")
        .fetch_one(pool)
        .await
        .expect("the table exists")
        .get(0)
}

#[tokio::test]
async fn every_pooled_connection_runs_with_the_settings() {
    let (_dir, path) = database();
    let pool = open(&path).await.expect("the store opens");
    let settings = of_every_connection(&pool)
        .await
        .expect("every connection answers");
    for (i, s) in settings.iter().enumerate() {
        assert_eq!(
            s.journal_mode,
            "wal",
            "connection {i} of {} is not in WAL mode: {s:?}",
            settings.len()
        );
        assert_eq!(
            s.synchronous,
            1,
            "connection {i} of {} has synchronous {} (1 is NORMAL): {s:?}",
            settings.len(),
            s.synchronous
        );
        assert!(
            s.busy_timeout_ms >= 1_000,
            "connection {i} gives up on a held lock after {} ms",
            s.busy_timeout_ms
        );
    }
}

#[tokio::test]
async fn a_second_connection_is_available_while_one_is_in_a_transaction() {
    let (_dir, path) = database();
    let pool = open(&path).await.expect("the store opens");
    let mut tx = pool.begin().await.expect("a transaction");
    sqlx::query("INSERT INTO emails (id, subject) VALUES (1, 'x')")
        .execute(&mut *tx)
        .await
        .expect("inserts");
    let reader = tokio::time::timeout(HANG_GUARD, pool.acquire())
        .await
        .expect("the pool handed out no second connection while a transaction was open: it needs at least two")
        .expect("a connection");
    drop(reader);
    tx.commit().await.expect("commits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_held_while_the_fetch_runs() {
    let (_dir, path) = database();
    let pool = open(&path).await.expect("the store opens");
    let seen_in_use = Arc::new(AtomicUsize::new(usize::MAX));
    let fetch = {
        let (pool, path, seen) = (pool.clone(), path.clone(), Arc::clone(&seen_in_use));
        async move {
            // While "the mail server" answers: no pooled connection in use, and another
            // writer with no patience at all gets the write lock at once.
            seen.store(pool.size() as usize - pool.num_idle(), Ordering::SeqCst);
            impatient_write(&path, 1_000)
                .await
                .expect("the write lock is free during the fetch");
            batch(0..10)
        }
    };
    settled(&pool).await;
    let saved = save_fetched(&pool, fetch)
        .await
        .expect("the batch is saved");
    assert_eq!(saved, 10);
    let in_use = seen_in_use.load(Ordering::SeqCst);
    assert_eq!(
        in_use, 0,
        "{in_use} pooled connection(s) were held while the fetch ran"
    );
    assert_eq!(count(&pool).await, 11);
}

#[tokio::test]
async fn a_batch_is_saved_whole_or_not_at_all() {
    let (_dir, path) = database();
    let pool = open(&path).await.expect("the store opens");
    save_fetched(&pool, async { batch(0..5) })
        .await
        .expect("the first batch is saved");
    // Rows 5..9 are new, then 3 is already there: the whole batch must be refused.
    let mut clash = batch(5..9);
    clash.push((3, "again".to_string()));
    clash.extend(batch(9..12));
    let result = save_fetched(&pool, async move { clash }).await;
    assert!(
        result.is_err(),
        "a batch with an id already stored was reported saved"
    );
    assert_eq!(count(&pool).await, 5, "part of a refused batch was saved");
}

#[tokio::test]
async fn every_fetched_email_is_saved() {
    let (_dir, path) = database();
    let pool = open(&path).await.expect("the store opens");
    assert_eq!(
        save_fetched(&pool, async { batch(0..50) })
            .await
            .expect("saved"),
        50
    );
    assert_eq!(
        save_fetched(&pool, async { Vec::new() })
            .await
            .expect("saved"),
        0
    );
    assert_eq!(count(&pool).await, 50);
}
