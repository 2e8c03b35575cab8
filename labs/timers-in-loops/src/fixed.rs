//! The reference fix: one `interval`, built before the loop, that skips the ticks it missed.
//!
//! Built once, the interval keeps its deadline across every turn of the loop: a message that
//! wins the `select!` drops only the `tick()` future, not the timer, so the next turn waits for
//! the same deadline. Its schedule is fixed at the start (tick `n` at `n × period`), so the
//! action's time does not add up. And `MissedTickBehavior::Skip` says what to do after a stall:
//! one tick now for the ones missed, then back on the original schedule; never a burst.

use tokio::sync::mpsc;
use tokio::time::{Duration, MissedTickBehavior, interval};

use crate::contract::{Actions, Message};

/// Handles messages and ticks every `period`, on schedule, whatever the message rate.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut ticker = interval(period);
    // After a stall: one tick at once, then the next multiple of `period` from the start.
    ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            _ = ticker.tick() => actions.tick().await,
        }
    }
}
