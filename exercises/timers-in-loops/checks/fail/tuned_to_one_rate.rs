//! Wrong: fixed for one message rate. Besides the rebuilt sleep, it ticks every tenth message
//! (right when a message comes every tenth of a period, as in a quick manual test) and the
//! rate is off at every other one. Caught by `rate`, `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut since_tick = 0;
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => {
                    actions.handle(message);
                    since_tick += 1;
                    if since_tick == 10 {
                        since_tick = 0;
                        actions.tick().await;
                    }
                }
                None => return,
            },
            _ = sleep(period) => {
                since_tick = 0;
                actions.tick().await;
            }
        }
    }
}
