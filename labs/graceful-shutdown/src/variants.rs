//! Every service of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names (`long-arm`, `check-in-tick`) and
//! their order are written once, here, and read everywhere through [`evidence::Variants`].
//! This is the only file that knows every variant module; each of them knows only the
//! contract.

use std::fmt;
use std::sync::Arc;

use evidence::Variants;

use crate::contract::{Config, Ledger, Signal};
use crate::scenario::{self, Scenario, Shutdown};
use crate::{anti, check_in_tick, fixed, lone_branch, long_arm, pinned_notified, watch};

/// Every service of the lab: the anti-pattern first, the reference fix second, then the
/// other fixes, then the other mistakes (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// A fresh `notified()` in every turn of each worker's `select!` loop.
    Anti,
    /// A `CancellationToken` raced against the tick and the sync; a `TaskTracker`.
    Fixed,
    /// A `watch<bool>` raced against the tick and the sync.
    Watch,
    /// One pinned, enabled `notified()` per worker, built before its loop.
    PinnedNotified,
    /// A token, but the sync runs inside the tick branch.
    LongArm,
    /// A token, the flush in the cancel branch, `is_cancelled()` in the tick branch.
    CheckInTick,
    /// Right workers; the supervisor's `select!` has one branch, on a channel that closes.
    LoneBranch,
}

/// The ways a shutdown goes wrong, each judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// A signal that lands while a worker syncs is lost: the service never returns.
    pub hangs: bool,
    /// A worker busy when the signal lands finishes its sync first.
    pub slow: bool,
    /// Some shutdowns skip a worker's flush.
    pub skips_flush: bool,
    /// The service panics as it stops.
    pub panics: bool,
}

impl Variant {
    /// What this service gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; the tests check every answer against the service's behaviour.
    pub fn faults(self) -> Faults {
        let (hangs, slow, skips_flush, panics) = match self {
            Variant::Anti => (true, false, false, false),
            Variant::LongArm => (false, true, false, false),
            Variant::CheckInTick => (false, true, true, false),
            Variant::LoneBranch => (false, false, false, true),
            Variant::Fixed | Variant::Watch | Variant::PinnedNotified => {
                (false, false, false, false)
            }
        };
        Faults {
            hangs,
            slow,
            skips_flush,
            panics,
        }
    }

    /// Whether this service gets nothing wrong.
    pub fn is_correct(self) -> bool {
        let f = self.faults();
        !(f.hangs || f.slow || f.skips_flush || f.panics)
    }

    /// Runs this service until it stops.
    pub async fn run(self, config: Config, signal: Signal, ledger: Arc<Ledger>) {
        match self {
            Variant::Anti => anti::run(config, signal, ledger).await,
            Variant::Fixed => fixed::run(config, signal, ledger).await,
            Variant::Watch => watch::run(config, signal, ledger).await,
            Variant::PinnedNotified => pinned_notified::run(config, signal, ledger).await,
            Variant::LongArm => long_arm::run(config, signal, ledger).await,
            Variant::CheckInTick => check_in_tick::run(config, signal, ledger).await,
            Variant::LoneBranch => lone_branch::run(config, signal, ledger).await,
        }
    }

    /// Runs this service through `scenario` and judges its shutdown.
    pub async fn shutdown(self, scenario: Scenario) -> Shutdown {
        scenario::drive(scenario, move |config, signal, ledger| {
            self.run(config, signal, ledger)
        })
        .await
    }

    /// The same, on a paused runtime whose `select!` draws from `seed`.
    pub fn shutdown_paused(self, scenario: Scenario, seed: u64) -> Shutdown {
        scenario::paused_runtime(seed).block_on(self.shutdown(scenario))
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
