//! Right: the action in a loop of its own on an interval with `Skip`, beside the message
//! loop, both in the same task.

use tokio::sync::mpsc;
use tokio::time::{Duration, MissedTickBehavior, interval};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let ticker = async {
        let mut ticker = interval(period);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
        loop {
            ticker.tick().await;
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
