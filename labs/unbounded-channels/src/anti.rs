//! The anti-pattern: an unbounded channel in front of a consumer that is slower than its
//! producer.
//!
//! `mpsc::unbounded_channel` never says no and never makes the sender wait. When events
//! arrive faster than the consumer handles them, the difference piles up in the channel's
//! buffer: the queue, the memory it holds and the time each event waits before it is handled
//! all grow for as long as the overload lasts, linearly, without limit. Nothing tells the
//! producer; the first sign is usually the process being killed for its memory, taking the
//! whole backlog with it.
//!
//! The channel is not the cause (the consumer is slow), but it is what hides the cause. And
//! it buys little in exchange: the consumer still handles events at its own pace, whichever
//! channel feeds it; the bench's `slow-consumer` group measures what is left of the
//! difference (a bounded channel's cost of waking a producer that waited for room).

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::contract::{Closed, Sent};
use crate::event::Event;
use crate::stats::Counters;

/// Sending end: never waits, never refuses.
#[derive(Debug, Clone)]
pub struct Sender {
    tx: mpsc::UnboundedSender<Event>,
    counters: Arc<Counters>,
}

/// Receiving end.
#[derive(Debug)]
pub struct Receiver {
    rx: mpsc::UnboundedReceiver<Event>,
}

/// An unbounded channel whose ends count what passes through `counters`.
#[expect(
    clippy::disallowed_methods,
    reason = "the anti-pattern itself: clippy.toml's ban on unbounded_channel fires here"
)]
pub fn channel(counters: Arc<Counters>) -> (Sender, Receiver) {
    // scan: expect(unbounded-channels)
    let (tx, rx) = mpsc::unbounded_channel();
    (Sender { tx, counters }, Receiver { rx })
}

impl Sender {
    /// Queues `event` at once, however long the queue already is.
    pub fn send(&self, event: Event) -> Result<Sent, Closed> {
        // Counted before it is visible to the consumer, so the depth never reads negative.
        self.counters.accepted();
        self.tx.send(event).map_err(|err| {
            self.counters.unaccepted();
            Closed(Box::new(err.0))
        })?;
        Ok(Sent::Queued)
    }
}

impl Receiver {
    /// The next event, or `None` once every sender is gone and the queue is empty.
    pub async fn recv(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
}
