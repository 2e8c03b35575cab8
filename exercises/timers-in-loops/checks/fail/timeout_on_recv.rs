//! Wrong: `timeout(period, inbox.recv())`, ticking when it times out. It is the same race
//! as the rebuilt sleep: each message starts a new timeout. Caught by `rate`, `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, timeout};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    loop {
        match timeout(period, inbox.recv()).await {
            Ok(Some(message)) => actions.handle(message),
            Ok(None) => return,
            Err(_elapsed) => actions.tick().await,
        }
    }
}
