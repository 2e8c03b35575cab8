//! Wrong: adds 24 on every lag, the number a burst of 40 into a channel of 16 loses, instead
//! of the number `Lagged` carries. Passes that one case; caught by `burst` (the sweep of
//! capacities and sizes) and `slow`.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles what it can; assumes every lag loses 24.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(_)) => missed += 24,
            Err(RecvError::Closed) => return missed,
        }
    }
}
