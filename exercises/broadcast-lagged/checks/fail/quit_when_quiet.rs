//! Wrong: `timeout(5 s, recv())`, and a quiet spell is taken for the end. The channel is
//! still open; the subscriber is gone. Caught by `waiting` (ends before the close: the other
//! tests never pause for five seconds).

use std::time::Duration;

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles events until nothing comes for five seconds.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    while let Ok(received) = tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
        match received {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(n)) => missed += n,
            Err(RecvError::Closed) => break,
        }
    }
    missed
}
