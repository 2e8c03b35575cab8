//! Every variant of the lab, by the name the bench, the probe and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module.

use std::fmt;
use std::path::Path;

use crate::contract::Store;
use crate::{anti, fixed, guide_semaphore, pragma_through_pool};

/// Every variant: the anti-patterns, the fix, and the guide's extra on top of the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// Fifty connections, SQLite's defaults (rollback journal, `synchronous = FULL`).
    Anti,
    /// Four connections, `PRAGMA synchronous = NORMAL` executed once through the pool.
    PragmaThroughPool,
    /// Options on the connect options; one writer connection, four readers.
    Fixed,
    /// The fix with the guide's `Semaphore(4)` in front of every query.
    GuideSemaphore,
}

impl Variant {
    /// Opens a store of this variant on the database file at `path`.
    pub async fn open(self, path: &Path) -> sqlx::Result<Store> {
        match self {
            Variant::Anti => anti::open(path).await,
            Variant::PragmaThroughPool => pragma_through_pool::open(path).await,
            Variant::Fixed => fixed::open(path).await,
            Variant::GuideSemaphore => guide_semaphore::open(path).await,
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&evidence::Variants::name(*self))
    }
}
