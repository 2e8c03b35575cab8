//! # Exercise: unbounded channels
//!
//! Events arrive every millisecond; the sink needs two milliseconds for each. Between them,
//! this pipeline puts an unbounded channel, so the events the sink has not reached yet pile
//! up in memory for as long as they keep coming.
//!
//! Make the tests pass (`cargo workshop` runs them):
//! - the pipeline must never hold more than 64 events at a time, counting the one being
//!   pushed and the one the sink is handling;
//! - nothing may be lost silently: every event is either handled, in the order it arrived,
//!   or counted in `Finished::dropped`;
//! - when the sink keeps up, nothing may be dropped at all.
//!
//! Whether a full pipeline makes `push` wait or drops an event (which one?) is your choice;
//! either can pass. Stuck? `cargo workshop hint unbounded-channels`.

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel between the arriving events and the sink, and the task that drains it.
pub struct Pipeline {
    events: mpsc::UnboundedSender<Event>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task, which hands every event it receives to `sink`, in order.
#[expect(
    clippy::disallowed_methods,
    reason = "the starter is the anti-pattern: once fixed, delete this attribute"
)]
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::unbounded_channel();
    let consumer = tokio::spawn(async move {
        while let Some(event) = inbox.recv().await {
            sink.handle(event).await;
        }
        sink
    });
    Pipeline { events, consumer }
}

impl Pipeline {
    /// Takes one arriving event. Called once per event, in order.
    pub async fn push(&self, event: Event) {
        self.events
            .send(event)
            .expect("the consumer never stops first");
    }

    /// No more events will come: waits until the sink has handled everything it will handle.
    pub async fn finish(self) -> Finished {
        // Closing the channel lets the consumer's loop end once the queue is empty.
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
