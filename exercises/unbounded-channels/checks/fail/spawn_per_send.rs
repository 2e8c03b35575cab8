//! Wrong: a bounded channel, but every send waits in a task of its own, so `push` returns at
//! once and the waiting events pile up in the scheduler instead of the channel.

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
    /// Hands the send to a new task and returns.
    pub async fn push(&self, event: Event) {
        let events = self.events.clone();
        tokio::spawn(async move {
            let _ = events.send(event).await;
        });
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
