//! Correct, if roundabout: the channel is unbounded, but each event travels with a permit
//! from a semaphore of 32, released only once the sink has handled it. The bound is on the
//! whole path, which is what counts.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel, the permits and the consumer task.
pub struct Pipeline {
    events: mpsc::UnboundedSender<(Event, OwnedSemaphorePermit)>,
    permits: Arc<Semaphore>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task.
#[expect(
    clippy::disallowed_methods,
    reason = "bounded by the semaphore; kept to show the tests accept any real bound"
)]
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::unbounded_channel::<(Event, OwnedSemaphorePermit)>();
    let consumer = tokio::spawn(async move {
        while let Some((event, permit)) = inbox.recv().await {
            sink.handle(event).await;
            drop(permit);
        }
        sink
    });
    Pipeline {
        events,
        permits: Arc::new(Semaphore::new(32)),
        consumer,
    }
}

impl Pipeline {
    /// Waits for a permit, then queues the event with it.
    pub async fn push(&self, event: Event) {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .expect("never closed");
        self.events
            .send((event, permit))
            .expect("the consumer never stops first");
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
