//! A mistake that looks like the fix: a `CancellationToken`, but the sync (or a backoff)
//! runs *inside* the tick branch, where the `select!` no longer watches the token.
//!
//! `select!` waits for the first branch to complete and then runs that branch's body to the
//! end; the other branches are dropped, not polled. A signal that comes during the sync is
//! seen only when the sync is over: every worker exits and flushes, but each one late by the
//! rest of its sync. One guide backs off up to 1 920 s in that spot. Worse, when the sync took
//! longer than the tick, the next tick is due too, and an unbiased `select!` picks it half the
//! time: another whole sync before the token is looked at again.

use std::sync::Arc;

use tokio::time::interval;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::contract::{Config, Ledger, Signal};

/// Starts the workers, waits for the signal, cancels, and waits for every worker.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
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
    loop {
        tokio::select! {
            _ = token.cancelled() => break,
            // The token is not watched while this body runs.
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
