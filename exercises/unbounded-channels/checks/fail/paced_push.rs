//! Wrong: keeps the unbounded channel and paces the producer to the sink's speed instead, by
//! sleeping two milliseconds in `push`. It holds at the one speed `slow_consumer.rs` uses;
//! the moment the sink is slower the queue grows as before. Caught by `sink_speeds.rs`
//! (`the_bound_holds_for_sinks_of_every_speed`) and the stalling burst in `burst.rs`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// What the sink needs per event, measured once and written down.
const SINK_PACE: Duration = Duration::from_millis(2);

/// The channel and the consumer task.
pub struct Pipeline {
    events: mpsc::UnboundedSender<Event>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task.
#[expect(clippy::disallowed_methods, reason = "a wrong fix: still unbounded")]
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
    /// Queues the event, then waits as long as the sink needs for one.
    pub async fn push(&self, event: Event) {
        self.events
            .send(event)
            .expect("the consumer never stops first");
        tokio::time::sleep(SINK_PACE).await;
    }

    /// Closes the channel and waits for the sink.
    pub async fn finish(self) -> Finished {
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
