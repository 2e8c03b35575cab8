//! A fix that keeps the `Notify`: each worker builds its listener *once*, before its loop,
//! pins it, and polls the same one in every turn, against the tick and against the sync.
//!
//! A `Notified` future hears a `notify_waiters()` from the moment it is created, polled or
//! not, so one listener built before the loop cannot miss a signal raised while the worker
//! syncs. `enable()` registers it in the waiter list at once; `notify_waiters` does not need
//! it, but `notify_one` does (a permit stored for an unregistered listener goes to whoever
//! asks next), so a listener that must not miss anything is enabled before its first check.

use std::sync::Arc;

use tokio::time::interval;

use crate::contract::{Config, Ledger, Signal};

/// Starts the workers and waits for them all.
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
