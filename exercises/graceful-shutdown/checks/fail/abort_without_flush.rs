//! Wrong: on the signal, `run` aborts every worker's task and waits for the aborts. Prompt,
//! and nothing hangs, but an aborted task stops at its current `.await` and never reaches the
//! flush after its loop. Caught by both sweeps (not flushed).

use std::sync::Arc;

use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, Arc::clone(&ledger))))
        .collect();
    signalled.await;
    for worker in &workers {
        worker.abort();
    }
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        ticker.tick().await;
        ledger.sync(id).await;
    }
}
