//! Wrong: one pinned sleep, but `reset()` to a full period after every message, "to keep it
//! fresh". That is the anti-pattern written by hand: each message pushes the tick away.
//! Caught by `rate`, `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let timer = sleep(period);
    tokio::pin!(timer);
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => {
                    actions.handle(message);
                    timer.as_mut().reset(Instant::now() + period);
                }
                None => return,
            },
            () = &mut timer => {
                actions.tick().await;
                timer.as_mut().reset(Instant::now() + period);
            }
        }
    }
}
