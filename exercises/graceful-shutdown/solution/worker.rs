//! The reference fix: the signal is heard once, by `run`, and turned into a
//! `CancellationToken` that every worker races against its waiting and its sync.
//!
//! A token is a state, not an event: a worker busy when it was cancelled still sees it the
//! next time it looks. `run_until_cancelled` races the tick and the sync (safe to drop
//! half-way), the flush comes after the loop so that every way out passes it, and a
//! `TaskTracker` waits for every worker.

use std::sync::Arc;

use tokio::time::interval;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    // The one listener, created before any worker runs, alive until the signal.
    let signalled = signal.notified();
    let token = CancellationToken::new();
    let tracker = TaskTracker::new();
    for id in 0..config.workers {
        tracker.spawn(worker(id, config, token.clone(), Arc::clone(&ledger)));
    }
    tracker.close();
    signalled.await;
    token.cancel();
    tracker.wait().await;
}

async fn worker(id: usize, config: Config, token: CancellationToken, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    while token.run_until_cancelled(ticker.tick()).await.is_some() {
        if token.run_until_cancelled(ledger.sync(id)).await.is_none() {
            break;
        }
    }
    ledger.flush(id);
}
