//! Right: a `watch<bool>` set once by `run`, each worker holding one receiver for its whole
//! life and racing `wait_for(|&stop| stop)` (which looks at the current value first) against
//! its tick and its sync, `biased;` so that stopping wins a tie; the flush after the loop.

use std::sync::Arc;

use tokio::sync::watch;
use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let (stop, stopping) = watch::channel(false);
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, stopping.clone(), Arc::clone(&ledger))))
        .collect();
    signalled.await;
    stop.send_replace(true);
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(
    id: usize,
    config: Config,
    mut stopping: watch::Receiver<bool>,
    ledger: Arc<Ledger>,
) {
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            biased;
            _ = stopping.wait_for(|&stop| stop) => break,
            _ = ticker.tick() => {}
        }
        tokio::select! {
            biased;
            _ = stopping.wait_for(|&stop| stop) => break,
            () = ledger.sync(id) => {}
        }
    }
    ledger.flush(id);
}
