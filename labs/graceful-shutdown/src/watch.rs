//! A fix with a `watch` channel: the supervisor hears the signal once and sets a `bool` that
//! every worker waits on.
//!
//! Like a token, a `watch` holds a *state*: `wait_for(|&stop| stop)` looks at the current
//! value first, so a worker that was syncing when it changed sees it on its next look. Each
//! worker races the wait against both its tick and its sync, and flushes after the loop.

use std::sync::Arc;

use tokio::sync::watch;
use tokio::time::interval;

use crate::contract::{Config, Ledger, Signal};

/// Starts the workers, waits for the signal, sets the flag, and waits for every worker.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let (stop, stopping) = watch::channel(false);
    let workers: Vec<_> = (0..config.workers)
        .map(|id| tokio::spawn(worker(id, config, stopping.clone(), Arc::clone(&ledger))))
        .collect();
    signalled.await;
    // `send_replace`, not `send`: it sets the value even if no receiver were left.
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
        // `biased;` with the stop first: when both are ready, stopping wins.
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
