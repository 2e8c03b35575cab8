//! Right, shaped otherwise: the receiving loop runs in a task of its own and returns its
//! count through the `JoinHandle`; the caller only awaits it.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles every event it can until the close, in a task; returns how many it missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let task = tokio::spawn(async move {
        let mut missed = 0;
        loop {
            match rx.recv().await {
                Ok(event) => inbox.handle(event).await,
                Err(RecvError::Lagged(n)) => missed += n,
                Err(RecvError::Closed) => break missed,
            }
        }
    });
    task.await.expect("the subscriber task does not panic")
}
