//! The anti-pattern: `while let Ok(event) = rx.recv().await`.
//!
//! It reads like "until the channel closes", and `recv` does return `Err(Closed)` then. But
//! it also returns `Err(Lagged(n))` when this receiver fell more than the channel's capacity
//! behind and the oldest `n` events were overwritten in the ring. The pattern cannot tell
//! the two apart, so the first burst a slow subscriber cannot keep up with ends its loop: no
//! panic, no log, the task just finishes, and every later event goes to the others only.

use tokio::sync::broadcast;

use crate::contract::{Consumer, Ended, Event, Report};

/// Handles events until `recv` returns any error, `Lagged` included.
pub async fn run(mut rx: broadcast::Receiver<Event>, consumer: &Consumer) -> Report {
    let mut delivered = Vec::new();
    // The one line of the lesson: `Lagged` and `Closed` both end the loop.
    // scan: expect(broadcast-lagged)
    while let Ok(event) = rx.recv().await {
        delivered.push(event.0);
        consumer.handle(event).await;
    }
    // Only to label the report (the code people write stops at the loop): a receiver that
    // quit on `Lagged` still has the ring's events waiting for it.
    let ended = if rx.is_closed() && rx.is_empty() {
        Ended::Closed
    } else {
        Ended::Quit
    };
    consumer.report(delivered, 0, ended)
}
