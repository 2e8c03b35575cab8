//! Right, shaped otherwise: a helper turns the receiver into "the next event, or `None` at
//! the close", counting lags on the way, so the loop keeps its `while let`.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// The next event, or `None` once the channel is closed; lags are added to `missed`.
async fn next(rx: &mut broadcast::Receiver<u64>, missed: &mut u64) -> Option<u64> {
    loop {
        match rx.recv().await {
            Ok(event) => return Some(event),
            Err(RecvError::Lagged(n)) => *missed += n,
            Err(RecvError::Closed) => return None,
        }
    }
}

/// Handles every event it can until the close; returns how many it missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    while let Some(event) = next(&mut rx, &mut missed).await {
        inbox.handle(event).await;
    }
    missed
}
