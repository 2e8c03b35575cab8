//! The reference fix: one `interval`, built before the loop, that skips what it missed.
//!
//! Built once, the interval keeps its deadline when a message wins the `select!` (only the
//! `tick()` future is dropped, not the timer), its schedule is fixed at the start (so the
//! action's time does not add up), and `MissedTickBehavior::Skip` ticks once after a stall and
//! then goes back to the schedule, instead of running every missed tick at once.

use tokio::sync::mpsc;
use tokio::time::{Duration, MissedTickBehavior, interval};

use crate::support::{Actions, Message};

/// Handles every message of `inbox` until it closes, and runs `actions.tick()` every `period`.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut ticker = interval(period);
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
