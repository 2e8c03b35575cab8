//! Wrong: on `Closed` it waits for a publisher to come back, which never happens: the task
//! never ends, and nobody ever reads its count. Caught by every test (never returns).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::support::Inbox;

/// Handles events, then waits forever.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        match rx.recv().await {
            Ok(event) => inbox.handle(event).await,
            Err(RecvError::Lagged(n)) => missed += n,
            Err(RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}
