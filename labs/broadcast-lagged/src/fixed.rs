//! The reference fix: match the error, and keep going on `Lagged`.
//!
//! `RecvError::Lagged(n)` is not the end of anything: the receiver has already been moved to
//! the oldest event still in the ring, and the next `recv` returns it. So the loop counts the
//! `n` events it lost (and says so, in its report or a metric) and carries on; only
//! `RecvError::Closed`, which comes once every sender is gone *and* the ring holds nothing
//! more for this receiver, ends it.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::contract::{Consumer, Ended, Event, Report};

/// Handles every event it can get, counts the ones it lagged past, stops on `Closed`.
pub async fn run(mut rx: broadcast::Receiver<Event>, consumer: &Consumer) -> Report {
    let mut delivered = Vec::new();
    let mut skipped = 0;
    loop {
        match rx.recv().await {
            Ok(event) => {
                delivered.push(event.0);
                consumer.handle(event).await;
            }
            // Overwritten before this receiver got to them: lost for it, but counted.
            Err(RecvError::Lagged(missed)) => skipped += missed,
            Err(RecvError::Closed) => break,
        }
    }
    consumer.report(delivered, skipped, Ended::Closed)
}
