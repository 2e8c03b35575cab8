//! Wrong: the `interval` built inside the loop. An interval's first tick completes at once,
//! so every turn ticks: once per message, and without messages once per action, far more
//! often than once a period. Caught by `rate`, `stall`, `messages`.

use tokio::sync::mpsc;
use tokio::time::{Duration, MissedTickBehavior, interval};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    loop {
        let mut ticker = interval(period);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            _ = ticker.tick() => actions.tick().await,
        }
    }
}
