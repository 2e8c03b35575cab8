//! Correct: a ring of 40 events that evicts (and counts) the oldest when full; the producer
//! never waits and the sink always gets the newest events.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::support::{Event, Finished, Sink};

const CAPACITY: usize = 40;

struct Ring {
    events: VecDeque<Event>,
    evicted: u64,
    closed: bool,
}

/// The ring, its wake-up signal and the consumer task.
pub struct Pipeline {
    ring: Arc<Mutex<Ring>>,
    ready: Arc<Notify>,
    consumer: JoinHandle<Sink>,
}

/// Starts the consumer task.
pub fn start(mut sink: Sink) -> Pipeline {
    let ring = Arc::new(Mutex::new(Ring {
        events: VecDeque::with_capacity(CAPACITY),
        evicted: 0,
        closed: false,
    }));
    let ready = Arc::new(Notify::new());
    let consumer = {
        let (ring, ready) = (Arc::clone(&ring), Arc::clone(&ready));
        tokio::spawn(async move {
            loop {
                let next = {
                    let mut ring = ring.lock().unwrap();
                    match ring.events.pop_front() {
                        Some(event) => Some(event),
                        None if ring.closed => break,
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
    /// Queues the event, evicting the oldest if the ring is full.
    pub async fn push(&self, event: Event) {
        let evicted = {
            let mut ring = self.ring.lock().unwrap();
            let evicted = if ring.events.len() == CAPACITY {
                ring.evicted += 1;
                ring.events.pop_front()
            } else {
                None
            };
            ring.events.push_back(event);
            evicted
        };
        drop(evicted);
        self.ready.notify_one();
    }

    /// Marks the ring closed and waits for the sink to drain it.
    pub async fn finish(self) -> Finished {
        self.ring.lock().unwrap().closed = true;
        self.ready.notify_one();
        let sink = self.consumer.await.expect("the consumer never panics");
        let dropped = self.ring.lock().unwrap().evicted;
        Finished { sink, dropped }
    }
}
