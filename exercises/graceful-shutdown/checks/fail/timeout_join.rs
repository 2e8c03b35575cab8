//! Wrong: a token, the sync still inside the branch, and a deadline on the join "so shutdown
//! cannot hang": `timeout(tick / 2, ...)` around waiting for the workers. The deadline
//! expires while workers finish their syncs, and `run` returns without them: they flush
//! (or not) after the service said it was done. Caught by both sweeps (late, not flushed).

use std::sync::Arc;

use tokio::time::{interval, timeout};
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
    let _ = timeout(config.tick / 2, tracker.wait()).await;
}

async fn worker(id: usize, config: Config, token: CancellationToken, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            biased;
            _ = token.cancelled() => break,
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
