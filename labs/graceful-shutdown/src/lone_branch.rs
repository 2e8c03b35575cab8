//! A supervisor whose `select!` has one branch left: it panics at every shutdown.
//!
//! The workers are right (a token raced against the tick and the sync, the flush after the
//! loop); each holds a sender of an error channel that the supervisor reads in a
//! `loop { select! { Some(error) = errors.recv() => ... } }`, as a guide writes it. When the
//! last worker exits, its sender is dropped and `recv()` returns `None`: the pattern does not
//! match, the branch is disabled, and a `select!` with every branch disabled and no `else`
//! panics. Everything was flushed, but the process dies with a panic every time it stops.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::time::interval;
use tokio_util::sync::CancellationToken;

use crate::contract::{Config, Ledger, Signal};

/// A worker's failed sync, for the supervisor (none fail in this lab).
#[derive(Debug)]
pub struct SyncError(pub usize);

/// Starts the workers and a listener for the signal, then supervises the workers' errors.
pub async fn run(config: Config, signal: Signal, ledger: Arc<Ledger>) {
    let token = CancellationToken::new();
    let (errors_tx, mut errors) = mpsc::channel::<SyncError>(16);
    let cancel = token.clone();
    tokio::spawn(async move {
        signal.notified().await;
        cancel.cancel();
    });
    for id in 0..config.workers {
        tokio::spawn(worker(
            id,
            config,
            token.clone(),
            errors_tx.clone(),
            Arc::clone(&ledger),
        ));
    }
    drop(errors_tx);
    let mut failures = 0_u64;
    loop {
        tokio::select! {
            // When the channel closes this branch is disabled, and there is no other.
            Some(error) = errors.recv() => {
                failures += 1;
                std::hint::black_box((error, failures));
            }
        }
    }
}

async fn worker(
    id: usize,
    config: Config,
    token: CancellationToken,
    // Held, not used: dropped when the worker exits, which closes the channel.
    _errors: mpsc::Sender<SyncError>,
    ledger: Arc<Ledger>,
) {
    let mut ticker = interval(config.tick);
    while token.run_until_cancelled(ticker.tick()).await.is_some() {
        if token.run_until_cancelled(ledger.sync(id)).await.is_none() {
            break;
        }
    }
    ledger.flush(id);
}
