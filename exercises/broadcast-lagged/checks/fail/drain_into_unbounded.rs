//! Wrong: "the channel is too small", so a task drains it into an unbounded queue as fast as
//! it can, and the subscriber reads the queue. The drain task still loops on
//! `while let Ok`, and the first burst arrives before it has run: it lags, quits, and the
//! subscriber ends with nothing. Caught by `burst` (ends before the close).

use tokio::sync::{broadcast, mpsc};

use crate::support::Inbox;

/// Handles what the drain task forwards; returns 0 missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let (queue, mut events) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok(event) = rx.recv().await {
            let _ = queue.send(event);
        }
    });
    while let Some(event) = events.recv().await {
        inbox.handle(event).await;
    }
    0
}
