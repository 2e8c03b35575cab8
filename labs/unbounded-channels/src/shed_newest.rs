//! A fix for sources that cannot wait: when the channel is full, drop the event being sent,
//! and count it.
//!
//! `try_reserve` (like `try_send`) never waits: it takes a slot if there is one and fails
//! with `Full` otherwise. The producer keeps its own pace, memory stays bounded by the
//! capacity, and the events that do get through keep their order and wait at most
//! capacity divided by the consumer's rate.
//!
//! What is lost are the *newest* events, so what the consumer sees is the past: right when
//! the first events of a burst matter most, or when a dropped event will be sent again anyway
//! (a client retries on a 503, a poller asks again). Wrong when the latest state is what
//! counts (a position, a price, a progress bar): see `shed_oldest`.
//!
//! The count is not optional. A `let _ = tx.try_send(event)` sheds silently, and a loss
//! nobody can see is a bug report nobody can write; the counter belongs on a dashboard.

use std::sync::Arc;

use tokio::sync::mpsc::{self, error::TrySendError};

use crate::contract::{Closed, Sent};
use crate::event::Event;
use crate::stats::Counters;

/// Sending end: never waits; drops the event it is given when the channel is full.
#[derive(Debug, Clone)]
pub struct Sender {
    tx: mpsc::Sender<Event>,
    counters: Arc<Counters>,
}

/// Receiving end.
#[derive(Debug)]
pub struct Receiver {
    rx: mpsc::Receiver<Event>,
}

/// A channel that holds at most `capacity` events (`capacity` > 0) and refuses the rest.
pub fn channel(capacity: usize, counters: Arc<Counters>) -> (Sender, Receiver) {
    let (tx, rx) = mpsc::channel(capacity);
    (Sender { tx, counters }, Receiver { rx })
}

impl Sender {
    /// Queues `event` if there is room now; otherwise drops it and counts the drop.
    pub fn send(&self, event: Event) -> Result<Sent, Closed> {
        match self.tx.try_reserve() {
            Ok(permit) => {
                self.counters.accepted();
                permit.send(event);
                Ok(Sent::Queued)
            }
            Err(TrySendError::Full(())) => {
                self.counters.rejected();
                // `event` is dropped here, on purpose and counted.
                Ok(Sent::DroppedNewest)
            }
            Err(TrySendError::Closed(())) => Err(Closed(Box::new(event))),
        }
    }
}

impl Receiver {
    /// The next event, or `None` once every sender is gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
}
