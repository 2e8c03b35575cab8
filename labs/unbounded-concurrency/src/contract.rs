//! The contract every variant keeps: fetch one item per input id, through one [`Fetcher`],
//! within the job's [`Bounds`], and hand back every answer.
//!
//! A variant is only *how the job fans out*: how many requests it lets run at once, and how
//! fast it starts them. Where an item comes from is the [`Fetch`] behind the fetcher: the
//! loopback HTTP server of [`crate::server`] for the probe, the bench and the demo, or the
//! in-memory one of [`crate::memory`] for the property tests. So one test, one bench and one
//! demo serve every variant.
//!
//! What a correct variant promises the server it calls:
//!
//! - every id is fetched exactly once, and its answer returned (in any order);
//! - at most [`Bounds::in_flight`] requests are in flight at any instant, whatever the number
//!   of ids: the cap is what the server, the pool and the memory of the job are sized for;
//! - the cap is used: while ids are left and fewer than the cap are in flight, the next one
//!   starts (a job that waits for a whole batch before the next is slower for nothing);
//! - where the job also has a rate quota (the `governor` variant's [`Bounds::per_second`]), no
//!   window of a second sees more requests start than the quota allows.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The answer to one fetch: the item's value, or what went wrong.
pub type Fetched = anyhow::Result<u64>;

/// One fetch in flight: boxed and `'static`, so that a variant may `tokio::spawn` it.
pub type Fetching = Pin<Box<dyn Future<Output = Fetched> + Send + 'static>>;

/// Where items come from.
pub trait Fetch: Send + Sync + 'static {
    /// Starts fetching item `id`; nothing is sent until the future is first polled.
    fn fetch(&self, id: u64) -> Fetching;
}

/// A shared [`Fetch`]: cheap to clone into every task.
pub type Fetcher = Arc<dyn Fetch>;

/// The bounds a job is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Most requests in flight at once (at least 1).
    pub in_flight: usize,
    /// Requests per second the server allows; only the rate-limited variant reads it.
    pub per_second: u32,
    /// How many requests the rate limiter lets through at once after a quiet spell (GCRA's
    /// burst). 1 keeps every window of a second within `per_second`; `per_second` itself is
    /// what `governor::Quota::per_second` sets, and lets a window see almost twice the rate.
    pub burst: u32,
}

impl Bounds {
    /// The lab's usual job: 8 in flight, 20 per second, no burst.
    pub const USUAL: Bounds = Bounds {
        in_flight: 8,
        per_second: 20,
        burst: 1,
    };
}

/// What a whole job returns: every answer, in the order they came back, or the first error.
pub type Answers = anyhow::Result<Vec<u64>>;

/// The value the API answers for item `id` (so a test can check every answer).
pub fn expected(id: u64) -> u64 {
    id * 3 + 1
}
