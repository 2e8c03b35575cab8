//! Wrong: counts `Lagged(n)`, then `resubscribe()`s. The count is right for the overwritten
//! events, but the new receiver skips the ones still in the ring, uncounted. Caught by
//! `burst`, `slow` and `waiting` (events unaccounted for).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles what it can; counts the overwritten events only.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(n)) => {
                missed += n;
                rx = rx.resubscribe();
            }
            Err(RecvError::Closed) => return missed,
        }
    }
}
