//! What the exercise gives you; you should not need to change this file.
//!
//! [`Event`] is what arrives; each one notes in a [`Held`] gauge that it exists until it is
//! dropped, so the tests can see how many events the pipeline holds at any moment without
//! trusting anything in `pipeline.rs`. [`Sink`] is the slow consumer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Counts the events alive right now, and the most that were ever alive at once.
#[derive(Debug, Default)]
pub struct Held {
    now: AtomicU64,
    peak: AtomicU64,
}

impl Held {
    /// A fresh gauge.
    pub fn new() -> Arc<Held> {
        Arc::new(Held::default())
    }

    /// Events alive now.
    pub fn now(&self) -> u64 {
        self.now.load(Ordering::SeqCst)
    }

    /// The most events that were alive at the same time.
    pub fn peak(&self) -> u64 {
        self.peak.load(Ordering::SeqCst)
    }
}

/// One event: a sequence number and a few hundred bytes of payload.
#[derive(Debug)]
pub struct Event {
    seq: u64,
    _payload: [u8; 256],
    held: Arc<Held>,
}

impl Event {
    /// Event number `seq`, counted in `held` until it is dropped.
    pub fn new(seq: u64, held: &Arc<Held>) -> Event {
        let now = held.now.fetch_add(1, Ordering::SeqCst) + 1;
        held.peak.fetch_max(now, Ordering::SeqCst);
        Event {
            seq,
            _payload: [0; 256],
            held: Arc::clone(held),
        }
    }

    /// The event's position in the order it arrived, from 0.
    pub fn seq(&self) -> u64 {
        self.seq
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        self.held.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The slow consumer: handling an event takes `cost` (a database write, say).
#[derive(Debug)]
pub struct Sink {
    /// The `k`-th event handled costs `costs[k % costs.len()]`.
    costs: Vec<Duration>,
    handled: Vec<u64>,
}

impl Sink {
    /// A sink that takes `cost` per event.
    pub fn new(cost: Duration) -> Sink {
        Sink::with_costs(vec![cost])
    }

    /// A sink whose `k`-th event costs `costs[k % costs.len()]`: a database that stalls now
    /// and then, say. The tests use it so that no single speed can be guessed.
    pub fn with_costs(costs: Vec<Duration>) -> Sink {
        assert!(!costs.is_empty(), "a sink needs at least one cost");
        Sink {
            costs,
            handled: Vec::new(),
        }
    }

    /// Handles one event: waits its cost, notes its sequence number, and drops it.
    pub async fn handle(&mut self, event: Event) {
        let cost = self.costs[self.handled.len() % self.costs.len()];
        tokio::time::sleep(cost).await;
        self.handled.push(event.seq);
    }

    /// Sequence numbers of the events handled, in the order they were handled.
    pub fn handled(&self) -> &[u64] {
        &self.handled
    }
}

/// What [`crate::Pipeline::finish`] returns.
#[derive(Debug)]
pub struct Finished {
    /// The sink, with every event it handled.
    pub sink: Sink,
    /// How many events the pipeline dropped on purpose (0 if it never drops).
    pub dropped: u64,
}
