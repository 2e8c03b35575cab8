//! Wrong: `biased;` with the signal first, the listener still built in every turn. Order
//! only matters when both branches are ready; while the sync runs in the branch there is no
//! listener at all, so the signal is still lost. Caught by both sweeps (never returned).

use std::sync::Arc;

use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, signal.clone(), Arc::clone(&ledger))))
        .collect();
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            biased;
            _ = signal.notified() => break,
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
