//! Wrong: waits for room, but only up to 10 ms; after that the producer "must not be held up"
//! and the send is handed to a task of its own. With a quick sink the wait always succeeds
//! and the bound holds; with a sink slower than 10 ms per event every push spawns, and the
//! waiting tasks hold the events. Correct only while the sink is quick: caught by
//! `sink_speeds.rs` and the stalling burst in `burst.rs`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The longest `push` may wait for room.
const PATIENCE: Duration = Duration::from_millis(10);

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
    /// Waits up to `PATIENCE` for room; then sends from a task of its own.
    pub async fn push(&self, event: Event) {
        match tokio::time::timeout(PATIENCE, self.events.reserve()).await {
            Ok(permit) => permit.expect("the consumer never stops first").send(event),
            Err(_) => {
                let events = self.events.clone();
                tokio::spawn(async move {
                    let _ = events.send(event).await;
                });
            }
        }
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
