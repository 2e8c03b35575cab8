//! Right, shaped otherwise: ignores the number in `Lagged` and counts the gaps in the
//! events' sequence numbers instead (they are numbered from 0). The ring always keeps the
//! newest events, so the last one sent is never in a gap.

use tokio::sync::broadcast;

use crate::support::Inbox;

/// Handles every event it can; counts the gaps between them.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut expected = 0;
    let mut missed = 0;
    loop {
        match rx.recv().await {
            Ok(event) => {
                missed += event - expected;
                expected = event + 1;
                inbox.handle(event).await;
            }
            Err(broadcast::error::RecvError::Lagged(_)) => {}
            Err(broadcast::error::RecvError::Closed) => return missed,
        }
    }
}
