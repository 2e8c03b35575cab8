//! Wrong: a bounded channel, but the consumer only takes each event out and spawns a task to
//! handle it, the sink shared behind a `tokio::sync::Mutex` (fair, so the order is kept). The
//! channel drains as fast as events arrive; the spawned tasks, each holding its event while
//! it waits for the sink, are the unbounded queue now. Caught by the peak in
//! `slow_consumer.rs`, `burst.rs` and `sink_speeds.rs`.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel and the consumer task, which returns the shared sink once every handler ended.
pub struct Pipeline {
    events: mpsc::Sender<Event>,
    consumer: JoinHandle<Arc<Mutex<Sink>>>,
}

/// Starts the consumer task.
pub fn start(sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::channel::<Event>(32);
    let consumer = tokio::spawn(async move {
        let sink = Arc::new(Mutex::new(sink));
        let mut handlers = Vec::new();
        while let Some(event) = inbox.recv().await {
            let sink = Arc::clone(&sink);
            handlers.push(tokio::spawn(async move {
                sink.lock().await.handle(event).await;
            }));
        }
        for handler in handlers {
            handler.await.expect("a handler never panics");
        }
        sink
    });
    Pipeline { events, consumer }
}

impl Pipeline {
    /// Queues the event, waiting if the channel is full.
    pub async fn push(&self, event: Event) {
        self.events
            .send(event)
            .await
            .expect("the consumer never stops first");
    }

    /// Closes the channel and waits for every handler.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        let sink = Arc::try_unwrap(sink)
            .expect("every handler has ended")
            .into_inner();
        Finished { sink, dropped: 0 }
    }
}
