//! Wrong: right workers (a token raced against the tick and the sync, the flush after the
//! loop), but `run` returns as soon as it has cancelled the token. The workers have not run
//! yet: the process would exit before a single flush. Caught by both sweeps (not flushed).

use std::sync::Arc;

use tokio::time::interval;
use tokio_util::sync::CancellationToken;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let token = CancellationToken::new();
    for id in 0..config.workers {
        tokio::spawn(worker(id, config, token.clone(), Arc::clone(&ledger)));
    }
    signalled.await;
    token.cancel();
}

async fn worker(id: usize, config: Config, token: CancellationToken, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    while token.run_until_cancelled(ticker.tick()).await.is_some() {
        if token.run_until_cancelled(ledger.sync(id)).await.is_none() {
            break;
        }
    }
    ledger.flush(id);
}
