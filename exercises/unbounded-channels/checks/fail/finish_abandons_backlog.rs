//! Wrong: bounded and waiting for room, right up to the end, where `finish` does not want to
//! wait for the backlog: it tells the consumer to stop after the event in hand, and the
//! events still queued are dropped with the channel, uncounted. Caught by the accounting in
//! `slow_consumer.rs` (`every_event_is_handled_in_order_or_counted_as_dropped`), `burst.rs`
//! and `sink_speeds.rs`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

/// The channel, the consumer task and the flag that stops it.
pub struct Pipeline {
    events: mpsc::Sender<Event>,
    consumer: JoinHandle<Sink>,
    stop: Arc<AtomicBool>,
}

/// Starts the consumer task; it stops early once `stop` is set.
pub fn start(mut sink: Sink) -> Pipeline {
    let (events, mut inbox) = mpsc::channel(32);
    let stop = Arc::new(AtomicBool::new(false));
    let consumer = {
        let stop = Arc::clone(&stop);
        tokio::spawn(async move {
            while let Some(event) = inbox.recv().await {
                sink.handle(event).await;
                if stop.load(Ordering::Relaxed) {
                    break;
                }
            }
            sink
        })
    };
    Pipeline {
        events,
        consumer,
        stop,
    }
}

impl Pipeline {
    /// Queues the event, waiting while the channel is full.
    pub async fn push(&self, event: Event) {
        self.events
            .send(event)
            .await
            .expect("the consumer never stops first");
    }

    /// Asks the consumer to stop after the event in hand, and waits for it.
    pub async fn finish(self) -> Finished {
        self.stop.store(true, Ordering::Relaxed);
        drop(self.events);
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
