//! Wrong: on a lag, `resubscribe()` and start fresh. The new receiver starts at the tail, so
//! the events still in the ring go too, and nothing is counted. Caught by `burst`, `slow`
//! and `waiting` (events unaccounted for).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles what it can, starting over at the newest event on every lag.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(_)) => rx = rx.resubscribe(),
            Err(RecvError::Closed) => return 0,
        }
    }
}
