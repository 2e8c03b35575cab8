//! Wrong: "errors are transient", so every error is skipped with `continue`, `Closed`
//! included. After the close `recv` returns `Closed` at once, forever: it never returns (and
//! spins). Caught by every test (never returns; the harness aborts it).

use tokio::sync::broadcast;

use crate::support::Inbox;

/// Handles events, forever (the loop has no way out, so it never returns `missed`).
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(broadcast::error::RecvError::Lagged(n)) => missed += n,
            Err(_) => continue,
        }
    }
}
