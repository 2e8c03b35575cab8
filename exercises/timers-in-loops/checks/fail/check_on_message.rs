//! Wrong: no timer at all, the elapsed time checked when a message arrives. The action runs
//! only when a message comes: never on a quiet inbox, and once per message when messages are
//! rarer than the period. Caught by `rate`, `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut last = Instant::now();
    while let Some(message) = inbox.recv().await {
        actions.handle(message);
        if last.elapsed() >= period {
            last = Instant::now();
            actions.tick().await;
        }
    }
}
