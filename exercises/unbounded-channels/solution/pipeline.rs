//! Reference fix: a bounded channel, and a `push` that waits for room (backpressure).
//!
//! The channel holds at most `CAPACITY` events; when it is full, `send().await` waits until
//! the sink has taken one out, so the producer slows to the sink's pace instead of piling
//! events up. Nothing is dropped and the order is kept. (Shedding with `try_send` and a drop
//! counter passes the tests too; see `checks/pass/`.)

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// Queued events at most: with the one being pushed and the one being handled, 34 < 64.
const CAPACITY: usize = 32;

/// The channel between the arriving events and the sink, and the task that drains it.
pub struct Pipeline {
    events: mpsc::Sender<Event>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task, which hands every event it receives to `sink`, in order.
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::channel(CAPACITY);
    let consumer = tokio::spawn(async move {
        while let Some(event) = inbox.recv().await {
            sink.handle(event).await;
        }
        sink
    });
    Pipeline { events, consumer }
}

impl Pipeline {
    /// Takes one arriving event, waiting while the channel is full.
    pub async fn push(&self, event: Event) {
        // The wait is the backpressure: it returns once the sink has made room.
        self.events
            .send(event)
            .await
            .expect("the consumer never stops first");
    }

    /// No more events will come: waits until the sink has handled everything.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
