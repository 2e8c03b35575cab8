//! Wrong: a ring of 40 events that evicts the oldest when full, bounded and never waiting,
//! but the evictions are not counted: `Finished::dropped` says 0 while hundreds of events
//! vanished. Caught by the accounting in `slow_consumer.rs`
//! (`every_event_is_handled_in_order_or_counted_as_dropped`), `burst.rs` and `sink_speeds.rs`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

const CAPACITY: usize = 40;

/// The ring (and whether it is closed), its wake-up signal and the consumer task.
pub struct Pipeline {
    ring: Arc<Mutex<(VecDeque<Event>, bool)>>,
    ready: Arc<Notify>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task.
pub fn start(mut sink: Sink) -> Pipeline {
    let ring = Arc::new(Mutex::new((VecDeque::with_capacity(CAPACITY), false)));
    let ready = Arc::new(Notify::new());
    let consumer = {
        let (ring, ready) = (Arc::clone(&ring), Arc::clone(&ready));
        tokio::spawn(async move {
            loop {
                let next = {
                    let mut ring = ring.lock().unwrap();
                    match ring.0.pop_front() {
                        Some(event) => Some(event),
                        None if ring.1 => break,
                        None => None,
                    }
                };
                match next {
                    Some(event) => sink.handle(event).await,
                    None => ready.notified().await,
                }
            }
            sink
        })
    };
    Pipeline {
        ring,
        ready,
        consumer,
    }
}

impl Pipeline {
    /// Queues the event, quietly evicting the oldest if the ring is full.
    pub async fn push(&self, event: Event) {
        let evicted = {
            let mut ring = self.ring.lock().unwrap();
            let evicted = if ring.0.len() == CAPACITY {
                ring.0.pop_front()
            } else {
                None
            };
            ring.0.push_back(event);
            evicted
        };
        drop(evicted);
        self.ready.notify_one();
    }

    /// Marks the ring closed and waits for the sink to drain it.
    pub async fn finish(self) -> Finished {
        self.ring.lock().unwrap().1 = true;
        self.ready.notify_one();
        let sink = self.consumer.await.expect("the consumer never panics");
        Finished { sink, dropped: 0 }
    }
}
