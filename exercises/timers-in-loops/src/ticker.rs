//! A service loop: it handles the messages of its inbox and, every `period`, runs a periodic
//! action (push the metrics, say). Under load the metrics stop coming. Make the action run
//! once a period whatever the message rate, and keep it from running many times at once after
//! a slow action. Run `cargo workshop` to see what the tests expect.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            _ = sleep(period) => actions.tick().await,
        }
    }
}
