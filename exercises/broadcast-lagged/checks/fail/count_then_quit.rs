//! Wrong: reports the lag, then stops as the original did. The count is honest, but the
//! subscriber is gone and the rest of the stream with it. Caught by `burst` and `slow`
//! (ends before the close).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles events until the first lag, which it counts.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(n)) => return n,
            Err(RecvError::Closed) => return 0,
        }
    }
}
