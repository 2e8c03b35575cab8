//! An in-memory API with the loopback server's counters, for the property tests.
//!
//! The same answers as [`crate::server`], after the same [`Latency`], with the same counts:
//! requests, requests in flight and their peak, and when each one started, on Tokio's clock.
//! No sockets: a property test runs hundreds of jobs, and this way each one costs microseconds
//! and nothing but the variant under test decides what is in flight.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::contract::{Fetch, Fetching, expected};
use crate::server::Latency;

/// The in-memory API; clones share its counters.
#[derive(Debug, Clone)]
pub struct Memory {
    latency: Latency,
    counts: Arc<Counters>,
}

#[derive(Debug)]
struct Counters {
    started: Instant,
    requests: AtomicUsize,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
    arrivals: Mutex<Vec<Duration>>,
}

/// What the in-memory API has seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Requests started.
    pub requests: usize,
    /// The most in flight at once.
    pub peak_in_flight: usize,
    /// When each request started, since the API was made.
    pub arrivals: Vec<Duration>,
}

impl Memory {
    /// An API answering after `latency`; its clock starts now.
    pub fn new(latency: Latency) -> Memory {
        Memory {
            latency,
            counts: Arc::new(Counters {
                started: Instant::now(),
                requests: AtomicUsize::new(0),
                in_flight: AtomicUsize::new(0),
                peak_in_flight: AtomicUsize::new(0),
                arrivals: Mutex::new(Vec::new()),
            }),
        }
    }

    /// What it has seen so far.
    pub fn seen(&self) -> Seen {
        Seen {
            requests: self.counts.requests.load(Ordering::SeqCst),
            peak_in_flight: self.counts.peak_in_flight.load(Ordering::SeqCst),
            arrivals: self
                .counts
                .arrivals
                .lock()
                .expect("no holder panics")
                .clone(),
        }
    }
}

/// Counts a request out when dropped, also when the caller drops the future half-way.
struct InFlight(Arc<Counters>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Fetch for Memory {
    fn fetch(&self, id: u64) -> Fetching {
        let (counts, wait) = (Arc::clone(&self.counts), self.latency.of(id));
        // Counted at the first poll, as a server counts a request when it arrives, not when
        // the client builds it.
        Box::pin(async move {
            counts.requests.fetch_add(1, Ordering::SeqCst);
            let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            counts.peak_in_flight.fetch_max(now, Ordering::SeqCst);
            counts
                .arrivals
                .lock()
                .expect("no holder panics")
                .push(counts.started.elapsed());
            let _in_flight = InFlight(Arc::clone(&counts));
            tokio::time::sleep(wait).await;
            Ok(expected(id))
        })
    }
}
