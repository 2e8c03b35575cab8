//! The fix when only the newest value matters: a `watch` channel instead of a `broadcast`.
//!
//! A `watch` holds one value. A subscriber that is slow never lags and is never told
//! `Lagged`: it wakes, reads the newest value, and whatever was sent between two reads was
//! replaced. That is the right meaning for state (a configuration, a price, a health flag),
//! and with sequence numbers in the values the subscriber can still say how many it skipped.
//! `changed()` fails only once the sender is gone and the last value has been seen.

use tokio::sync::watch;

use crate::contract::{Consumer, Ended, Event, Report};

/// Handles the newest event each time it changes, counting the ones it never saw.
pub async fn run(mut rx: watch::Receiver<Option<Event>>, consumer: &Consumer) -> Report {
    let mut delivered = Vec::new();
    let mut skipped = 0;
    // The next sequence number this subscriber expects; a gap is what `watch` replaced.
    let mut next = 0;
    while rx.changed().await.is_ok() {
        // Copied out: a `watch::Ref` held across the handler's `.await` would block the sender.
        let Some(event) = *rx.borrow_and_update() else {
            continue;
        };
        skipped += event.0 - next;
        next = event.0 + 1;
        delivered.push(event.0);
        consumer.handle(event).await;
    }
    consumer.report(delivered, skipped, Ended::Closed)
}
