//! Wrong: counts the `Lagged` errors, one each, rather than the events each one reports.
//! Caught by `burst` and `slow` (handled + skipped falls short of sent).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles what it can; returns how many times it lagged.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut lags = 0;
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(_)) => lags += 1,
            Err(RecvError::Closed) => return lags,
        }
    }
}
