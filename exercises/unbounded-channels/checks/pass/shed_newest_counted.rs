//! Correct: never wait; when the channel is full, drop the arriving event and count it.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc::{self, error::TrySendError};
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel, the consumer task and the drop counter.
pub struct Pipeline {
    events: mpsc::Sender<Event>,
    consumer: JoinHandle<Sink>,
    dropped: AtomicU64,
}

/// Starts the consumer task.
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::channel(48);
    let consumer = tokio::spawn(async move {
        while let Some(event) = inbox.recv().await {
            sink.handle(event).await;
        }
        sink
    });
    Pipeline {
        events,
        consumer,
        dropped: AtomicU64::new(0),
    }
}

impl Pipeline {
    /// Queues the event if there is room; otherwise drops it and counts the drop.
    pub async fn push(&self, event: Event) {
        match self.events.try_send(event) {
            Ok(()) => {}
            Err(TrySendError::Full(_dropped)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
            Err(TrySendError::Closed(_)) => panic!("the consumer never stops first"),
        }
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished {
            sink,
            dropped: self.dropped.into_inner(),
        }
    }
}
