//! Every variant of the lab, by the name the bench, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module.

use std::fmt;
use std::sync::Arc;

use evidence::Variants;

use crate::contract::ApiClient;
use crate::{anti, fixed, guide, no_idle_pool};

/// Every variant: the anti-pattern, the fix, then the settings that undo part of the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `reqwest::Client::new()` inside the request: a new pool, a new connection, every time.
    Anti,
    /// One `Client` for the job, shared: connections reused.
    Fixed,
    /// One `Client` with `pool_max_idle_per_host(0)`: shared, yet a connection per request.
    NoIdlePool,
    /// The guide's client (seed 004 §3.1) without `http2_prior_knowledge()`: eight idle
    /// connections at most.
    GuidePool,
}

impl Variant {
    /// A fresh client of this variant (a fresh pool, for the shared ones).
    pub fn build(self) -> anyhow::Result<Arc<dyn ApiClient>> {
        Ok(match self {
            Variant::Anti => Arc::new(anti::PerRequest),
            Variant::Fixed => Arc::new(fixed::Shared::new()),
            Variant::NoIdlePool => Arc::new(no_idle_pool::NoIdlePool::new()?),
            Variant::GuidePool => Arc::new(guide::GuidePool::new()?),
        })
    }

    /// Whether the variant reuses connections at the concurrency given: the fix always, the
    /// guide's pool only up to its eight idle connections.
    pub fn reuses_at(self, concurrency: usize) -> bool {
        match self {
            Variant::Anti | Variant::NoIdlePool => false,
            Variant::Fixed => true,
            Variant::GuidePool => concurrency <= 8,
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
