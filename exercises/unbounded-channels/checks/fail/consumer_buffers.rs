//! Wrong: a bounded channel, but the consumer empties it into a `VecDeque` of its own before
//! every event it handles, so the channel never looks full and the producer never waits. The
//! unbounded queue has only moved to the other end. Caught by the peak in
//! `slow_consumer.rs` (`the_pipeline_holds_at_most_64_events_with_a_slow_sink`) and `burst.rs`.

use std::collections::VecDeque;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel and the consumer task.
pub struct Pipeline {
    events: mpsc::Sender<Event>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task, which keeps a backlog so the channel stays empty.
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::channel(32);
    let consumer = tokio::spawn(async move {
        let mut backlog = VecDeque::new();
        loop {
            while let Ok(event) = inbox.try_recv() {
                backlog.push_back(event);
            }
            match backlog.pop_front() {
                Some(event) => sink.handle(event).await,
                None => match inbox.recv().await {
                    Some(event) => backlog.push_back(event),
                    None => break,
                },
            }
        }
        sink
    });
    Pipeline { events, consumer }
}

impl Pipeline {
    /// Queues the event, waiting if the channel is full (it never is).
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
