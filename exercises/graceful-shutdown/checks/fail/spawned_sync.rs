//! Wrong: keep the branch body short by spawning the sync, so the worker is always back in
//! its `select!` and its fresh `notified()` never misses the signal. It stops at once and
//! flushes, but the spawned syncs run on after the flush and after `run` returned: work the
//! flush never wrote out. Caught by both sweeps (workers left running).

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
            _ = signal.notified() => break,
            _ = ticker.tick() => {
                let ledger = Arc::clone(&ledger);
                tokio::spawn(async move { ledger.sync(id).await });
            }
        }
    }
    ledger.flush(id);
}
