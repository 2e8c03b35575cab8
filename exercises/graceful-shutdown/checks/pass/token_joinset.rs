//! Right, shaped differently: a token, each worker one `select!` per step with `biased;`
//! and `cancelled()` first (so a tie goes to stopping), the sync written as a branch of its
//! own; a `JoinSet` instead of a `TaskTracker`, drained to the end.

use std::sync::Arc;

use tokio::task::JoinSet;
use tokio::time::interval;
use tokio_util::sync::CancellationToken;

use crate::support::{Config, Ledger, Signal};

/// Starts `config.workers` workers; returns once every one has stopped and flushed.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let signalled = signal.notified();
    let token = CancellationToken::new();
    let mut workers = JoinSet::new();
    for id in 0..config.workers {
        workers.spawn(worker(id, config, token.child_token(), Arc::clone(&ledger)));
    }
    signalled.await;
    token.cancel();
    while workers.join_next().await.is_some() {}
}

async fn worker(id: usize, config: Config, token: CancellationToken, ledger: Arc<Ledger>) {
    let mut ticker = interval(config.tick);
    let mut syncing = false;
    loop {
        if syncing {
            tokio::select! {
                biased;
                () = token.cancelled() => break,
                () = ledger.sync(id) => syncing = false,
            }
        } else {
            tokio::select! {
                biased;
                () = token.cancelled() => break,
                _ = ticker.tick() => syncing = true,
            }
        }
    }
    ledger.flush(id);
}
