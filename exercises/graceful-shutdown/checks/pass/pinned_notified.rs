//! Right, keeping the `Notify`: each worker creates its listener once, before its loop, pins
//! it and polls the same one against the tick and against the sync. A listener created before
//! the signal hears it, busy or not; the flush after the loop.

use std::sync::Arc;

use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let workers: Vec<_> = (0..config.workers)
        .map(|id| {
            let signal = signal.clone();
            let ledger = Arc::clone(&ledger);
            tokio::spawn(async move { worker(id, config, &signal, &ledger).await })
        })
        .collect();
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, signal: &Signal, ledger: &Ledger) {
    let stop = signal.notified();
    tokio::pin!(stop);
    stop.as_mut().enable();
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            biased;
            () = stop.as_mut() => break,
            _ = ticker.tick() => {}
        }
        tokio::select! {
            biased;
            () = stop.as_mut() => break,
            () = ledger.sync(id) => {}
        }
    }
    ledger.flush(id);
}
