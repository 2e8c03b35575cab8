//! Right: one pinned sleep, `reset()` at the top of every turn, but to a deadline kept in a
//! variable that only a tick moves (past every deadline it missed). A message resets the
//! timer to the same deadline, which changes nothing.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep_until};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut deadline = Instant::now() + period;
    let timer = sleep_until(deadline);
    tokio::pin!(timer);
    loop {
        timer.as_mut().reset(deadline);
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            () = &mut timer => {
                actions.tick().await;
                let now = Instant::now();
                while deadline <= now {
                    deadline += period;
                }
            }
        }
    }
}
