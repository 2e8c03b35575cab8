//! Every variant of the lab, by the name the bench, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module; each of them knows only the contract.

use std::fmt;

use crate::contract::{Answers, Bounds, Fetcher};
use crate::{anti, fixed, governor_limit, join_all, join_set, owned_permits, semaphore_and_buffer};

/// Every variant: the anti-pattern first, the reference fix second, then the other fixes, then
/// the guides' double cap (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// A `tokio::spawn` per input, all at once (seed 003).
    Anti,
    /// Every future built up front, then `join_all` (seed 004 §5.1, without its semaphore).
    JoinAll,
    /// `buffer_unordered(k)`.
    Fixed,
    /// Spawned tasks in a `JoinSet` kept at most `k` long.
    JoinSet,
    /// A semaphore's owned permit taken before each spawn, moved into the task.
    OwnedPermits,
    /// `Semaphore(k)` inside every future *and* `buffer_unordered(k)` (seed 004 §3.2).
    SemaphoreAndBuffer,
    /// `buffer_unordered(k)` plus a `governor` rate limit: a cap and a quota.
    Governor,
}

impl Variant {
    /// Runs the job: fetch every id through `fetcher` within `bounds`.
    pub async fn fetch_all(self, fetcher: &Fetcher, ids: Vec<u64>, bounds: Bounds) -> Answers {
        match self {
            Variant::Anti => anti::fetch_all(fetcher, ids, bounds).await,
            Variant::JoinAll => join_all::fetch_all(fetcher, ids, bounds).await,
            Variant::Fixed => fixed::fetch_all(fetcher, ids, bounds).await,
            Variant::JoinSet => join_set::fetch_all(fetcher, ids, bounds).await,
            Variant::OwnedPermits => owned_permits::fetch_all(fetcher, ids, bounds).await,
            Variant::SemaphoreAndBuffer => {
                semaphore_and_buffer::fetch_all(fetcher, ids, bounds).await
            }
            Variant::Governor => governor_limit::fetch_all(fetcher, ids, bounds).await,
        }
    }

    /// Whether it keeps at most `bounds.in_flight` in flight. A `match`, so that a new variant
    /// cannot be added without deciding; the tests check every answer.
    pub fn caps_in_flight(self) -> bool {
        match self {
            Variant::Anti | Variant::JoinAll => false,
            Variant::Fixed
            | Variant::JoinSet
            | Variant::OwnedPermits
            | Variant::SemaphoreAndBuffer
            | Variant::Governor => true,
        }
    }

    /// Whether it keeps the API's quota of `bounds.per_second`.
    pub fn keeps_quota(self) -> bool {
        matches!(self, Variant::Governor)
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use evidence::Variants as _;
        f.write_str(&self.name())
    }
}
