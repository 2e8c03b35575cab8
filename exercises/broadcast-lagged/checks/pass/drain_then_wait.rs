//! Right, shaped otherwise: takes what is already there with `try_recv`, and only when the
//! channel is empty waits on `recv` (so it never spins). Both calls report the same two
//! errors, and both are handled.

use tokio::sync::broadcast::{
    self,
    error::{RecvError, TryRecvError},
};

use crate::support::Inbox;

/// Handles every event it can until the close; returns how many it missed.
pub async fn run(mut rx: broadcast::Receiver<u64>, inbox: Inbox) -> u64 {
    let mut missed = 0;
    loop {
        let event = match rx.try_recv() {
            Ok(event) => event,
            Err(TryRecvError::Lagged(n)) => {
                missed += n;
                continue;
            }
            Err(TryRecvError::Closed) => return missed,
            Err(TryRecvError::Empty) => match rx.recv().await {
                Ok(event) => event,
                Err(RecvError::Lagged(n)) => {
                    missed += n;
                    continue;
                }
                Err(RecvError::Closed) => return missed,
            },
        };
        inbox.handle(event).await;
    }
}
