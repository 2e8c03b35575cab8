//! Wrong: gets past the first lag (the one a quick test shows), then falls back to
//! `while let Ok`, so the second burst ends it. Caught by `burst` (every burst, and the
//! sweep) and `slow`.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Survives one lag.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    match rx.recv().await {
        Ok(event) => inbox.handle(event).await,
        Err(RecvError::Lagged(n)) => missed = n,
        Err(RecvError::Closed) => return 0,
    }
    while let Ok(event) = rx.recv().await {
        inbox.handle(event).await;
    }
    missed
}
