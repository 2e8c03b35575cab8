//! A guide's graceful shutdown: a token, the flush in the cancel branch, and an
//! `is_cancelled()` check in the tick branch "before heavy work".
//!
//! The check breaks out of the loop *without* the flush, and the tick branch wins more often
//! than one would think: an unbiased `select!` picks a random ready branch first, and after a
//! sync longer than the tick, both the tick and the cancellation are ready. About half of
//! those shutdowns skip the flush. The sync also runs inside the branch, so the signal waits
//! for it (the mistake of `long-arm`).

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
            _ = ticker.tick() => {
                // Leaves the loop by the one exit that does not flush.
                if token.is_cancelled() {
                    break;
                }
                ledger.sync(id).await;
            }
            _ = token.cancelled() => {
                ledger.flush(id);
                break;
            }
        }
    }
}
