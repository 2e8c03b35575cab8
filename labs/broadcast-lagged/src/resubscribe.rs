//! A fix people reach for: on any error that is not `Closed`, `resubscribe()` and go on.
//!
//! It survives the burst, but `resubscribe` makes a receiver that starts at the *tail*: the
//! events still in the ring, which the lagging receiver was about to get, are dropped along
//! with the overwritten ones, and nothing counts either. The subscriber lives, and its
//! silence has just moved: it no longer ends, it loses events without a word.

use tokio::sync::broadcast::{self, error::RecvError};

use crate::contract::{Consumer, Ended, Event, Report};

/// Handles events, starting over at the newest one whenever it lags.
pub async fn run(mut rx: broadcast::Receiver<Event>, consumer: &Consumer) -> Report {
    let mut delivered = Vec::new();
    loop {
        match rx.recv().await {
            Ok(event) => {
                delivered.push(event.0);
                consumer.handle(event).await;
            }
            // "Start fresh": the ring's retained events go too, and no count survives.
            Err(RecvError::Lagged(_)) => rx = rx.resubscribe(),
            Err(RecvError::Closed) => break,
        }
    }
    consumer.report(delivered, 0, Ended::Closed)
}
