//! Wrong: a bounded channel whose bound is never reached. 100 000 slots let the queue grow
//! exactly as the unbounded one did.

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel and the consumer task.
pub struct Pipeline {
    events: mpsc::Sender<Event>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task.
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::channel(100_000);
    let consumer = tokio::spawn(async move {
        while let Some(event) = inbox.recv().await {
            sink.handle(event).await;
        }
        sink
    });
    Pipeline { events, consumer }
}

impl Pipeline {
    /// Queues the event, waiting if 100 000 are already queued.
    pub async fn push(&self, event: Event) {
        self.events
            .send(event)
            .await
            .expect("the consumer never stops first");
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
