//! One pinned `Sleep`, `reset()` on every turn to a deadline that only a tick moves.
//!
//! The shape of the anti-pattern (the timer is set again on every turn) with the behaviour of
//! the fix: what a message changes is nothing, since the deadline it resets to is the one
//! kept in a variable. It is here for the bench's question, whether resetting a timer costs
//! what building one does: a reset to a deadline no earlier than the registered one is an
//! atomic compare-and-swap on the entry in Tokio's timer, with no trip through the wheel (the wheel
//! finds the later deadline when the old one comes due), where a new `Sleep` is inserted and
//! removed under the driver's lock.

use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep_until};

use crate::contract::{Actions, Message};
use crate::pinned_sleep::next_deadline;

/// Handles messages and ticks every `period`, resetting one timer every turn.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut deadline = Instant::now() + period;
    let timer = sleep_until(deadline);
    tokio::pin!(timer);
    loop {
        // Every turn, where the anti-pattern builds a new sleep: the same timer, the same
        // deadline (which also re-arms it after it fired).
        timer.as_mut().reset(deadline);
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            () = &mut timer => {
                actions.tick().await;
                deadline = next_deadline(deadline, period, Instant::now());
            }
        }
    }
}
