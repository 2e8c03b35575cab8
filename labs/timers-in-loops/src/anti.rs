//! The anti-pattern: a `sleep(period)` built inside the `select!`, so every turn of the loop
//! builds a new one.
//!
//! It reads like "wait for a message, or for `period` to pass", and on a quiet inbox it even
//! works. But `select!` drops the branch that lost, so every message throws the half-run sleep
//! away, and the next turn starts a fresh one: the periodic branch only wins after `period`
//! *without a message*. With a message more often than that, it never runs. And when it does
//! run, the next sleep starts after the action, so the period stretches by the action's time.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

use crate::contract::{Actions, Message};

/// Handles messages and, in between, ticks after `period` of silence (not every `period`).
pub async fn run(mut inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            // A new timer every turn: a message that wins the race resets the period.
            // scan: expect(timers-in-loops)
            _ = sleep(period) => actions.tick().await,
        }
    }
}
