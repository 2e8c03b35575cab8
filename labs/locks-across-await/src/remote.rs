//! The slow async call in the middle of every update: a simulated remote risk service.
//!
//! A deposit is applied only once the service has approved it, and the service needs the
//! account's balance to decide. The lab's service approves everything; what matters is that
//! the call is a round trip that costs time but no CPU, the way a network call does. So it is
//! a Tokio timer:
//!
//! - in tests and in the probe the clock is paused, and a round trip lasts exactly its
//!   latency in virtual time, however busy the machine is: elapsed times are exact;
//! - in the benches it is a real `tokio::time::sleep`. Tokio's timer counts in whole
//!   milliseconds and rounds a deadline up to the next tick, so the bench starts every batch
//!   right after a tick ([`crate::workload::time_batches`]) so that a round trip made alone
//!   and one made in a crowd cost the same.
//!
//! A busy loop or `yield_now` would be the wrong model: they cost CPU, so a hundred
//! concurrent "round trips" would take a hundred times as long even without any lock, and the
//! lock's cost would vanish from the measurement.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The latency of one round trip unless a test asks for others: one tick of Tokio's timer.
pub const ROUND_TRIP: Duration = Duration::from_millis(1);

/// A handle to the remote service; clones share the service and its call counter.
#[derive(Debug, Clone)]
pub struct Remote {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Call `k` waits `latencies[k % len]`: one entry for a fixed latency, several to make
    /// calls overtake each other in a test.
    latencies: Vec<Duration>,
    calls: AtomicU64,
}

impl Remote {
    /// A service whose every round trip takes `latency`.
    pub fn new(latency: Duration) -> Self {
        Self::with_latencies(vec![latency])
    }

    /// A service whose `k`-th call takes `latencies[k % latencies.len()]`.
    ///
    /// # Panics
    ///
    /// If `latencies` is empty.
    pub fn with_latencies(latencies: Vec<Duration>) -> Self {
        assert!(!latencies.is_empty(), "a remote needs at least one latency");
        Remote {
            inner: Arc::new(Inner {
                latencies,
                calls: AtomicU64::new(0),
            }),
        }
    }

    /// Asks the service to approve adding `amount` to `account`, whose balance is `balance`.
    /// Must be awaited inside a Tokio runtime with the timer enabled.
    pub async fn authorize(&self, account: usize, balance: u64, amount: u64) {
        // Relaxed: the counter is only read after the workload, which joins every task.
        let call = self.inner.calls.fetch_add(1, Ordering::Relaxed);
        let latencies = &self.inner.latencies;
        let latency = latencies[(call % latencies.len() as u64) as usize];
        // A real service would decide from these; this one approves everything.
        std::hint::black_box((account, balance, amount));
        tokio::time::sleep(latency).await;
    }

    /// How many calls the service has received so far.
    pub fn calls(&self) -> u64 {
        self.inner.calls.load(Ordering::Relaxed)
    }
}

impl Default for Remote {
    /// A service with the standard [`ROUND_TRIP`] latency.
    fn default() -> Self {
        Remote::new(ROUND_TRIP)
    }
}
