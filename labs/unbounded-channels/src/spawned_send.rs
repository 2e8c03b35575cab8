//! A "fix" that is the anti-pattern in disguise: a bounded channel, fed by a task per send.
//!
//! Code that cannot (or does not want to) await a full channel sometimes hands each send to
//! a task of its own: `tokio::spawn(async move { tx.send(event).await })`. The channel is
//! bounded, so it looks fixed, and a review that greps for `unbounded_channel` passes it. But
//! every event that finds the channel full now waits inside a parked task, and there is no
//! limit on those: the queue moved from the channel into the scheduler, and it grows exactly
//! as before, plus a task's own memory per event. Under load the order is not even kept, as
//! each task is scheduled on its own, and nothing counts the backlog anywhere.
//!
//! The lab keeps it so the measurements can show that "bounded" is a property of the whole
//! path from producer to consumer, not of the channel type.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::contract::{Closed, Sent};
use crate::event::Event;
use crate::stats::Counters;

/// Sending end: spawns a task per event, which waits for room in a bounded channel.
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

/// A bounded channel of `capacity` events (`capacity` > 0), fed through spawned tasks.
pub fn channel(capacity: usize, counters: Arc<Counters>) -> (Sender, Receiver) {
    let (tx, rx) = mpsc::channel(capacity);
    (Sender { tx, counters }, Receiver { rx })
}

impl Sender {
    /// Returns at once; a new task waits for room and sends `event`. Must run inside a runtime.
    pub fn send(&self, event: Event) -> Result<Sent, Closed> {
        if self.tx.is_closed() {
            return Err(Closed(Box::new(event)));
        }
        // Counted as queued now: from here on the event is held, in the task if not yet in
        // the channel. That is what the depth gauge should show.
        self.counters.accepted();
        let tx = self.tx.clone();
        tokio::spawn(async move {
            // A failure means the consumer is gone; the event dies with the task.
            let _ = tx.send(event).await;
        });
        Ok(Sent::Queued)
    }
}

impl Receiver {
    /// The next event, or `None` once every sender and every pending send task is gone.
    pub async fn recv(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
}
