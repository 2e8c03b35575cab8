//! The anti-pattern: each worker listens for the shutdown with a fresh `notified()` built in
//! every turn of its `select!` loop.
//!
//! The service keeps a `Notify` for its shutdown, as one guide's worker pool does: `run` hears
//! the outside signal and calls `notify_waiters()`, and each worker's loop has a branch
//! `_ = shutdown.notified() => break`. It reads like "sync every tick until told to stop", and
//! a shutdown that comes while the worker waits does stop it. But `select!` drops the branch
//! that lost: while the sync runs inside the tick branch, *no* listener exists, and
//! `notify_waiters()` then wakes nobody (it stores nothing for later). The next turn builds a
//! new listener, which waits for a notification that has come and gone: the worker syncs on
//! forever, never flushes, and the service never returns. `ctrl_c()` written in the same
//! place loses a SIGINT the same way.

use std::sync::Arc;

use tokio::sync::Notify;
use tokio::time::interval;

use crate::contract::{Config, Ledger, Signal};

/// Starts the workers, tells them all to stop on the signal, and waits for them all.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let shutdown = Arc::new(Notify::new());
    // The signal itself is heard (one listener, created before any worker runs); what is lost
    // is the service's own notification to its workers.
    let signalled = signal.notified();
    let workers: Vec<_> = (0..config.workers)
        .map(|id| {
            let worker = worker(id, config, Arc::clone(&shutdown), Arc::clone(&ledger));
            tokio::spawn(worker)
        })
        .collect();
    signalled.await;
    shutdown.notify_waiters();
    for worker in workers {
        // A worker's panic would be the test's business, not the shutdown's.
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, shutdown: Arc<Notify>, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            // A new listener every turn: none exists while the sync below runs.
            // scan: expect(graceful-shutdown)
            _ = shutdown.notified() => break,
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
