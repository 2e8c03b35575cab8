//! Wrong: a guide's graceful shutdown. A token, the flush in the `cancelled()` branch, and
//! `is_cancelled()` checked in the tick branch "before heavy work". That check leaves the
//! loop without the flush, and after a sync longer than the tick both branches are ready:
//! the unbiased `select!` takes the tick about half the time. The sync also runs inside the
//! branch, so the stop is late. Caught by both sweeps (late, and workers not flushed).

use std::sync::Arc;

use tokio::time::interval;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
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
