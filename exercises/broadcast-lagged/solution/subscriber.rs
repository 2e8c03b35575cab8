//! The reference fix: `Lagged(n)` is counted and the loop goes on; only `Closed` ends it.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles every event of `rx` it can until the channel closes; returns how many it missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            // The oldest `n` were overwritten; the receiver now points at the oldest left.
            Err(RecvError::Lagged(n)) => missed += n,
            Err(RecvError::Closed) => return missed,
        }
    }
}
