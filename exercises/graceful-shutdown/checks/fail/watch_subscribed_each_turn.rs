//! Wrong: a `watch` channel set by `run` on the signal (right), but each worker subscribes
//! afresh in every turn and waits for `changed()`. A new receiver has already seen the
//! current value, so a change made while the worker synced is not a change to it: the same
//! lost wake-up as a fresh `notified()`. Caught by both sweeps (never returned).

use std::sync::Arc;

use tokio::sync::watch;
use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let (stop, _keep) = watch::channel(false);
    let stop = Arc::new(stop);
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, Arc::clone(&stop), Arc::clone(&ledger))))
        .collect();
    signalled.await;
    stop.send_replace(true);
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, stop: Arc<watch::Sender<bool>>, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    loop {
        let mut stopping = stop.subscribe();
        tokio::select! {
            _ = stopping.changed() => break,
            _ = ticker.tick() => ledger.sync(id).await,
        }
    }
    ledger.flush(id);
}
