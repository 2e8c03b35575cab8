//! Wrong: the action in a loop of its own, `sleep(period)` then the action, beside the
//! message loop. Never starved, never a burst, but each turn lasts the period plus the
//! action: the schedule drifts, 45 ticks in 50 periods. Caught by `rate`.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let ticker = async {
        loop {
            sleep(period).await;
            actions.tick().await;
        }
    };
    let handler = async {
        while let Some(message) = inbox.recv().await {
            actions.handle(message);
        }
    };
    tokio::select! {
        () = ticker => {}
        () = handler => {}
    }
}
