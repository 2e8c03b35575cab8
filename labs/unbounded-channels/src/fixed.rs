//! The fix: a bounded channel, and a producer that awaits room in it (backpressure).
//!
//! `mpsc::channel(capacity)` holds at most `capacity` events. When it is full, `send` does
//! not fail and does not drop: it waits until the consumer has taken one out. The wait is the
//! point. It passes the consumer's pace back to the producer, whose own input (a socket, a
//! file, an upstream service) then fills up in turn and slows *its* source down: TCP's flow
//! control, a paused reader, a 503. Memory stays bounded by the capacity, nothing is lost,
//! order is kept, and the time an event waits in the queue is bounded by capacity divided by
//! the consumer's rate.
//!
//! Right when the source can be slowed down and every event matters (commands, writes, a
//! file being processed). Wrong when the source cannot wait (a sensor, a market feed, UDP):
//! there the wait only moves the pile-up to wherever the events come from, and shedding
//! (`shed_newest`, `shed_oldest`) is the honest answer.
//!
//! We `reserve` a slot and then send through the permit, rather than calling `send` directly,
//! so the event can be counted after room exists and before the consumer can see it.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::contract::{Closed, Sent};
use crate::event::Event;
use crate::stats::Counters;

/// Sending end: waits for room when the channel is full.
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

/// A channel that holds at most `capacity` events (`capacity` > 0).
pub fn channel(capacity: usize, counters: Arc<Counters>) -> (Sender, Receiver) {
    let (tx, rx) = mpsc::channel(capacity);
    (Sender { tx, counters }, Receiver { rx })
}

impl Sender {
    /// Queues `event`, first waiting for room if the channel is full.
    pub async fn send(&self, event: Event) -> Result<Sent, Closed> {
        // This await is the backpressure: it returns when the consumer has made room.
        let Ok(permit) = self.tx.reserve().await else {
            return Err(Closed(Box::new(event)));
        };
        self.counters.accepted();
        permit.send(event);
        Ok(Sent::Queued)
    }
}

impl Receiver {
    /// The next event, or `None` once every sender is gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
}
