//! Wrong: `run` hears the signal once and sets an `AtomicBool`; each worker checks it only
//! when its tick fires, before syncing. Nothing is lost and everything is flushed, but a
//! worker notices only at its next tick, after the sync it is in: every shutdown is late.
//! Caught by both sweeps (returned after the signal).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, Arc::clone(&stop), Arc::clone(&ledger))))
        .collect();
    signalled.await;
    stop.store(true, Ordering::SeqCst);
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, stop: Arc<AtomicBool>, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        ticker.tick().await;
        if stop.load(Ordering::SeqCst) {
            break;
        }
        ledger.sync(id).await;
    }
    ledger.flush(id);
}
