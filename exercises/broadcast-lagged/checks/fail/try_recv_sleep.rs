//! Wrong: polls with `try_recv` every 10 ms. Right counts, right end, but it wakes a hundred
//! times a second for nothing, and every event waits up to 10 ms. Caught by every test
//! (busy while idle).

use std::time::Duration;

use tokio::sync::broadcast::{self, error::TryRecvError};

use crate::support::Inbox;

/// Handles events by polling the channel on a timer.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.try_recv() {
            Ok(event) => inbox.handle(event).await,
            Err(TryRecvError::Lagged(n)) => missed += n,
            Err(TryRecvError::Empty) => tokio::time::sleep(Duration::from_millis(10)).await,
            Err(TryRecvError::Closed) => return missed,
        }
    }
}
