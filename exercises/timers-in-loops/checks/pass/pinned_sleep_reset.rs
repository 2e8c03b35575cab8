//! Right: one pinned sleep, `reset()` only when it fires, to the next deadline on the
//! schedule that is still ahead (the missed ones skipped).

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
                let mut next = timer.deadline() + period;
                let now = Instant::now();
                while next <= now {
                    next += period;
                }
                timer.as_mut().reset(next);
            }
        }
    }
}
