//! Wrong: polls with `try_recv`, yielding when the channel is empty. Right counts, right end,
//! but it runs all the time while nothing happens. Caught by every test (busy while idle).

use tokio::sync::broadcast::{self, error::TryRecvError};

use crate::support::Inbox;

/// Handles events by polling the channel.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.try_recv() {
            Ok(event) => inbox.handle(event).await,
            Err(TryRecvError::Lagged(n)) => missed += n,
            Err(TryRecvError::Empty) => tokio::task::yield_now().await,
            Err(TryRecvError::Closed) => return missed,
        }
    }
}
