//! Wrong: `Lagged` is matched and the loop goes on, but what was missed is not counted. It
//! survives and ends on close, and the report says nothing was lost. Caught by `burst` and
//! `slow` (events unaccounted for).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles what it can; reports nothing missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => return 0,
        }
    }
}
