//! Right: the deadline in a variable and `sleep_until(deadline)` built every turn. A message
//! drops that timer, not the deadline; only a tick moves it, past every deadline it missed.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep_until};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let start = Instant::now();
    let mut deadline = start + period;
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            () = sleep_until(deadline) => {
                actions.tick().await;
                // The next whole period from the start that is still ahead.
                let periods = start.elapsed().as_nanos() / period.as_nanos() + 1;
                deadline = start + period * u32::try_from(periods).expect("a short run");
            }
        }
    }
}
