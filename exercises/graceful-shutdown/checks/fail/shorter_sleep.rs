//! Wrong: the listener still rebuilt each turn, beside a short `sleep` instead of the
//! interval, "so the loop comes round more often". The window that loses the signal is the
//! sync inside the branch, and it is as long as before. Caught by both sweeps (never returned).

use std::sync::Arc;

use tokio::time::sleep;

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
    loop {
        tokio::select! {
            _ = signal.notified() => break,
            _ = sleep(config.tick / 10) => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
