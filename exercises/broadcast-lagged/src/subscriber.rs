//! A subscriber on an event bus (a `tokio::sync::broadcast` channel). When the publisher
//! sends a burst faster than this subscriber handles events, it stops hearing anything at
//! all, and nothing says why. Make it survive the burst, report how many events it missed,
//! and stop exactly when the channel closes. Run `cargo workshop` to see what the tests
//! expect.

use tokio::sync::broadcast;

use crate::support::Inbox;

/// Handles every event of `rx` it can (through `inbox.handle`) until the channel closes, and
/// returns how many events it missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    // scan: expect(broadcast-lagged)
    while let Ok(event) = rx.recv().await {
        inbox.handle(event).await;
    }
    0
}
