//! A service with a few workers that sync every tick. On the shutdown signal every worker
//! must stop and flush what it synced, and `run` must return once they all have. Stopping it
//! with Ctrl-C works when you try it by hand, yet in production it sometimes never stops. Make
//! every worker stop and flush, at once, whenever the signal lands. Run `cargo workshop` to
//! see what the tests expect.

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
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
