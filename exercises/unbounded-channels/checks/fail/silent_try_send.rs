//! Wrong: bounded and never waiting, but a full channel drops the event without a trace.

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
    let (events, mut inbox) = mpsc::channel(32);
    let consumer = tokio::spawn(async move {
        while let Some(event) = inbox.recv().await {
            sink.handle(event).await;
        }
        sink
    });
    Pipeline { events, consumer }
}

impl Pipeline {
    /// Queues the event if there is room; silently drops it otherwise.
    pub async fn push(&self, event: Event) {
        let _ = self.events.try_send(event);
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
