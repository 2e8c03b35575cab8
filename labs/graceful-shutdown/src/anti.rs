//! The anti-pattern: each worker listens for the signal with a fresh `notified()` built in
//! every turn of its `select!` loop.
//!
//! It reads like "sync every tick until the signal comes", and a signal that lands while the
//! worker waits does stop it. But `select!` drops the branch that lost: while the sync runs
//! inside the tick branch, *no* listener exists, and a signal raised then wakes nobody. The
//! next turn builds a new listener, which waits for a signal that has already come and gone:
//! the worker syncs on forever, never flushes, and the service never returns. `ctrl_c()`
//! written in the same place loses a SIGINT the same way.

use std::sync::Arc;

use tokio::time::interval;

use crate::contract::{Config, Ledger, Signal};

/// Starts the workers and waits for them all.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, signal.clone(), Arc::clone(&ledger))))
        .collect();
    for worker in workers {
        // A worker's panic would be the test's business, not the shutdown's.
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            // A new listener every turn: none exists while the sync below runs.
            // scan: expect(graceful-shutdown)
            _ = signal.notified() => break,
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
