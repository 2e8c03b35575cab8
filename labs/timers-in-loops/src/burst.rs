//! One `interval`, built once, with its default `MissedTickBehavior::Burst`.
//!
//! This fixes the anti-pattern's starvation: the interval keeps its deadline across turns of
//! the loop, so messages no longer push the tick away, and it keeps its schedule (no drift).
//! But when a tick's action stalls for several periods (a slow call, a backoff inside the
//! branch), the interval still owes every tick it missed, and `Burst` pays them at once: the
//! next `tick()`s are all ready, and the action runs back to back as many times as periods
//! were missed, which is exactly what a backoff meant to avoid.

use tokio::sync::mpsc;
use tokio::time::{Duration, interval};

use crate::contract::{Actions, Message};

/// Handles messages and ticks every `period`; after a stall, ticks once per missed period at once.
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    // `interval`'s default is `MissedTickBehavior::Burst`: the line people leave out.
    let mut ticker = interval(period);
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
