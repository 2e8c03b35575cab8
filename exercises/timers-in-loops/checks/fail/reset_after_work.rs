//! Wrong: one pinned sleep, reset to `now + period` once the action is done. Messages no
//! longer push the tick away and nothing bursts, but each period is stretched by the action:
//! 45 ticks in 50 periods. Caught by `rate`.

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
                Some(message) => actions.handle(message),
                None => return,
            },
            () = &mut timer => {
                actions.tick().await;
                timer.as_mut().reset(Instant::now() + period);
            }
        }
    }
}
