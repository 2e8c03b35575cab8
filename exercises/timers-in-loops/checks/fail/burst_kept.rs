//! Wrong: one interval before the loop, but with its default `MissedTickBehavior::Burst`.
//! Right under any message rate; after a slow action, every missed tick runs at once. Caught
//! by `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, interval};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut ticker = interval(period);
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            _ = ticker.tick() => actions.tick().await,
        }
    }
}
