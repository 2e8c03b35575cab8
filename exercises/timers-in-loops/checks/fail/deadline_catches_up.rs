//! Wrong: a deadline kept across turns (good) moved on by exactly one period per tick. After
//! a slow action every deadline it passed is already due, so the missed ticks run back to
//! back: `MissedTickBehavior::Burst`, by hand. Caught by `stall`.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep_until};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut deadline = Instant::now() + period;
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            () = sleep_until(deadline) => {
                actions.tick().await;
                deadline += period;
            }
        }
    }
}
