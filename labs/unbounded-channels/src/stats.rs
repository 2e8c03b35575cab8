//! What every channel variant counts, so the queue it holds can be read from outside.
//!
//! The probe samples queue depth from another thread while producer and consumer run, and
//! most channels cannot say how much they hold from the sending side. So each variant counts
//! the same four things itself, in one shared [`Counters`]:
//!
//! - `accepted`: events that entered the queue (counted *before* they become visible to the
//!   consumer, so that `queued` can never be read as negative);
//! - `rejected`: events refused at the door (`shed-newest`);
//! - `evicted`: queued events thrown out to make room for newer ones (`shed-oldest`);
//! - `received`: events the consumer took out.
//!
//! Relaxed atomics are enough: the counters order nothing, they are only read. A snapshot
//! taken while events move can be off by the few events in flight; one taken when the
//! producer and consumer are done is exact.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// The live counters one channel shares between its ends.
#[derive(Debug, Default)]
pub struct Counters {
    accepted: AtomicU64,
    rejected: AtomicU64,
    evicted: AtomicU64,
    received: AtomicU64,
}

impl Counters {
    /// Fresh counters, shared.
    pub fn shared() -> Arc<Counters> {
        Arc::new(Counters::default())
    }

    /// An event entered the queue.
    pub fn accepted(&self) {
        self.accepted.fetch_add(1, Ordering::Relaxed);
    }

    /// Takes back an `accepted` whose send then failed (the receiver was gone).
    pub fn unaccepted(&self) {
        self.accepted.fetch_sub(1, Ordering::Relaxed);
    }

    /// An event was refused because the queue was full.
    pub fn rejected(&self) {
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }

    /// A queued event was thrown out to make room.
    pub fn evicted(&self) {
        self.evicted.fetch_add(1, Ordering::Relaxed);
    }

    /// The consumer took an event out.
    pub fn received(&self) {
        self.received.fetch_add(1, Ordering::Relaxed);
    }

    /// The counts as they are now.
    pub fn snapshot(&self) -> Snapshot {
        // `received` first: read in this order, a racing event can only make `queued` look
        // larger by the events in flight, never smaller than the truth.
        let received = self.received.load(Ordering::Relaxed);
        let evicted = self.evicted.load(Ordering::Relaxed);
        Snapshot {
            accepted: self.accepted.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
            evicted,
            received,
        }
    }
}

/// The counts of one channel at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Events that entered the queue.
    pub accepted: u64,
    /// Events refused because the queue was full.
    pub rejected: u64,
    /// Queued events thrown out to make room for newer ones.
    pub evicted: u64,
    /// Events the consumer took out.
    pub received: u64,
}

impl Snapshot {
    /// Events the producer sent, whatever became of them.
    pub fn sent(&self) -> u64 {
        self.accepted + self.rejected
    }

    /// Events lost on purpose, at either end of the queue.
    pub fn dropped(&self) -> u64 {
        self.rejected + self.evicted
    }

    /// Events in the queue now: in, minus thrown out, minus taken out.
    pub fn queued(&self) -> u64 {
        self.accepted
            .saturating_sub(self.evicted)
            .saturating_sub(self.received)
    }
}
