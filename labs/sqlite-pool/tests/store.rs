//! The lesson as tests: which settings each pooled connection really has, what a transaction
//! holds across a slow await, and that a pool already queues its callers.
//!
//! Every test opens a store on a file in a temporary directory of its own (removed when the
//! test ends, passed or failed). Nothing here reads a clock: the slow await is a future the
//! test controls, and the other writer runs inside it, so the order of events is fixed.

use std::path::PathBuf;

use sqlite_pool::held::{Before, slow_transaction, try_write};
use sqlite_pool::load::is_busy;
use sqlite_pool::settings::of_every_connection;
use sqlite_pool::{Variant, fixed, pragma_through_pool};
use tempfile::TempDir;

fn database() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("store.db");
    (dir, path)
}

#[tokio::test]
async fn a_pragma_run_through_the_pool_reaches_one_connection() {
    let (_dir, path) = database();
    let store = Variant::PragmaThroughPool.open(&path).await.expect("opens");
    let settings = of_every_connection(store.writer()).await.expect("readable");
    assert_eq!(settings.len(), pragma_through_pool::CONNECTIONS as usize);
    let normal = settings.iter().filter(|s| s.synchronous == 1).count();
    assert_eq!(
        normal, 1,
        "PRAGMA synchronous = NORMAL reached {normal} connections: {settings:?}"
    );
    // The journal mode is the file's, so the one statement set it for every connection.
    assert!(
        settings.iter().all(|s| s.journal_mode == "wal"),
        "{settings:?}"
    );
}

#[tokio::test]
async fn every_connection_of_the_fix_runs_with_its_options() {
    let (_dir, path) = database();
    let store = Variant::Fixed.open(&path).await.expect("opens");
    for pool in [store.writer(), store.reader()] {
        let settings = of_every_connection(pool).await.expect("readable");
        assert!(
            settings.iter().all(|s| s.synchronous == 1
                && s.journal_mode == "wal"
                && s.busy_timeout_ms == 5_000),
            "{settings:?}"
        );
    }
    assert_eq!(
        of_every_connection(store.writer())
            .await
            .expect("readable")
            .len(),
        1
    );
    assert_eq!(
        of_every_connection(store.reader())
            .await
            .expect("readable")
            .len(),
        fixed::READERS as usize
    );
}

#[tokio::test]
async fn a_transaction_that_has_not_written_holds_a_connection_but_no_lock() {
    let (_dir, path) = database();
    let store = Variant::Fixed.open(&path).await.expect("opens");
    let writer = store.writer().clone();
    slow_transaction(store.writer(), Before::Nothing, 1, async {
        // The "HTTP call": meanwhile another connection writes, with no patience at all.
        try_write(&path, 100)
            .await
            .expect("no write lock is held before the first write");
        // But the pool's only writer connection is taken for the whole await.
        assert!(
            writer.try_acquire().is_none(),
            "the open transaction holds the connection"
        );
    })
    .await
    .expect("the transaction commits");
    assert_eq!(store.count().await.expect("readable"), 2);
}

#[tokio::test]
async fn a_transaction_that_has_written_holds_the_write_lock_across_its_await() {
    let (_dir, path) = database();
    let store = Variant::Fixed.open(&path).await.expect("opens");
    slow_transaction(store.writer(), Before::AWrite, 1, async {
        let refused = try_write(&path, 100).await.expect_err("the lock is held");
        assert!(is_busy(&refused), "expected SQLITE_BUSY, got {refused}");
    })
    .await
    .expect("the transaction commits");
    // Once it committed, the other writer gets through.
    try_write(&path, 100)
        .await
        .expect("the lock is free after the commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pool_of_one_queues_every_caller_past_it() {
    let (_dir, path) = database();
    let store = Variant::Fixed.open(&path).await.expect("opens");
    // Thirty-two writers at once on one connection, no semaphore: they wait in the pool's
    // queue, and none fails.
    let writes = (0..32).map(|id| {
        let store = store.clone();
        tokio::spawn(async move { store.insert(id).await })
    });
    for write in writes {
        write
            .await
            .expect("no panic")
            .expect("every queued write succeeds");
    }
    assert_eq!(store.count().await.expect("readable"), 32);
}
