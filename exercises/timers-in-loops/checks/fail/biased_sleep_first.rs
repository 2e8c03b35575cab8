//! Wrong: `biased;` with the sleep first. The order only matters when both branches are
//! ready at once; the sleep is still built anew every turn, so a message still throws it
//! away. Caught by `rate`, `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    loop {
        tokio::select! {
            biased;
            _ = sleep(period) => actions.tick().await,
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
        }
    }
}
