//! The floor of the bench: the same `select!` loop, its second branch a future that never
//! completes instead of a timer.
//!
//! Every variant polls the inbox and its timer on each turn; this polls the inbox and
//! nothing. No periodic loop can handle a message faster, so whatever a variant costs above
//! this row is the price of its timer, and nothing else.

use tokio::sync::mpsc;

use crate::contract::{Actions, Message};

/// Handles every message until the inbox closes, and never ticks.
pub async fn run(mut inbox: mpsc::Receiver<Message>, actions: &Actions) {
    loop {
        tokio::select! {
            message = inbox.recv() => match message {
                Some(message) => actions.handle(message),
                None => return,
            },
            // Where the others keep a timer: a branch that costs nothing to poll.
            () = std::future::pending() => unreachable!("pending never completes"),
        }
    }
}
