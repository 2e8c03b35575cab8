//! The same interval as [`fixed`](crate::fixed), with `MissedTickBehavior::Delay`.
//!
//! After a stall it ticks once at once and then counts `period` from there: the schedule
//! shifts by the stall instead of going back to the original grid. Which is right depends on
//! the action: a metrics push wants even spacing (`Delay`), a job "on the hour" wants the
//! grid (`Skip`). Neither bursts.

use tokio::sync::mpsc;
use tokio::time::{Duration, MissedTickBehavior, interval};

use crate::contract::{Actions, Message};

/// Handles messages and ticks every `period`; after a stall, the schedule restarts from it.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    let mut ticker = interval(period);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
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
