//! Wrong: `run` hears the signal once (right) and relays it with `notify_one()` on a
//! `Notify` of its own, each worker keeping one pinned listener (right). But `notify_one`
//! wakes one worker, or stores one permit for the next to ask: the other workers never hear
//! it. Caught by both sweeps (never returned).

use std::sync::Arc;

use tokio::sync::Notify;
use tokio::time::interval;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let stop = Arc::new(Notify::new());
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, Arc::clone(&stop), Arc::clone(&ledger))))
        .collect();
    signalled.await;
    stop.notify_one();
    for worker in workers {
        let _ = worker.await;
    }
}

async fn worker(id: usize, config: Config, stop: Arc<Notify>, ledger: Arc<Ledger>) {
    let stopped = stop.notified();
    tokio::pin!(stopped);
    stopped.as_mut().enable();
    let mut ticker = interval(config.tick);
    loop {
        tokio::select! {
            biased;
            () = stopped.as_mut() => break,
            _ = ticker.tick() => {}
        }
        tokio::select! {
            biased;
            () = stopped.as_mut() => break,
            () = ledger.sync(id) => {}
        }
    }
    ledger.flush(id);
}
