//! Wrong: a sleep of a tenth of the period, still rebuilt every turn, and a tick every tenth
//! time it fires. Messages more often than a tenth of a period still starve it, and slower
//! ones still stretch it. Caught by `rate`.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut slices = 0;
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            _ = sleep(period / 10) => {
                slices += 1;
                if slices == 10 {
                    slices = 0;
                    actions.tick().await;
                }
            }
        }
    }
}
