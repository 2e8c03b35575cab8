//! The reference fix: the signal is heard once, by the supervisor, and turned into a
//! `CancellationToken` that every worker races against all of its waiting *and* its work.
//!
//! A token is a latch, not an event: once cancelled it stays cancelled, and `cancelled()`
//! built at any later moment completes at once. So a worker that was busy when the signal
//! came still sees it. `run_until_cancelled` races the sync too (it is cancel safe, so it is
//! dropped half-way and redone next time, not finished after the signal), the flush comes
//! after the loop (every way out of the loop passes it), and a `TaskTracker` waits for every
//! worker before `run` returns.

use std::sync::Arc;

use tokio::time::interval;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::contract::{Config, Ledger, Signal};

/// Starts the workers, waits for the signal, cancels, and waits for every worker.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    // Listening starts before any worker runs: the one listener lives until the signal.
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
    // `None` from either race: the token was cancelled, while waiting or while syncing.
    while token.run_until_cancelled(ticker.tick()).await.is_some() {
        if token.run_until_cancelled(ledger.sync(id)).await.is_none() {
            break;
        }
    }
    ledger.flush(id);
}
