//! A deadline kept in a variable, and a `sleep_until(deadline)` built on every turn.
//!
//! This builds a new timer on every turn, like the anti-pattern, and it is correct: what a
//! message resets is the *timer*, and the deadline it sleeps until does not move. Moving the
//! deadline is the loop's decision, made only when the tick runs. The behaviour is the fix's;
//! the cost is not: each turn inserts a timer into Tokio's wheel and removes it again, which
//! the bench (`per-message`) measures against the one timer of `fixed`.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep_until};

use crate::contract::{Actions, Message};
use crate::pinned_sleep::next_deadline;

/// Handles messages and ticks every `period`, sleeping until a deadline that only a tick moves.
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
                deadline = next_deadline(deadline, period, Instant::now());
            }
        }
    }
}
