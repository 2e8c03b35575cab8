//! Every supervisor of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names (`awaited-handles`, `joined`) and
//! their order are written once, here, and read everywhere through [`evidence::Variants`].
//! This is the only file that knows every variant module; each of them knows only the
//! contract.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use evidence::Variants;

use crate::contract::{Job, Ledger, Report};
use crate::scenario::{self, Abandoned, Supervised};
use crate::{anti, awaited_handles, fixed, joined, tracker};

/// Every supervisor of the lab: the anti-pattern first, the reference fix second, then the
/// other fix, then the mistakes that look like fixes (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `tokio::spawn`, handle dropped; results sent back on a channel.
    Anti,
    /// A `JoinSet`, every task joined.
    Fixed,
    /// A `TaskTracker` waited on; each job catches its panic and sends its outcome.
    Tracker,
    /// Every `JoinHandle` kept in a `Vec` and awaited.
    AwaitedHandles,
    /// Every job a branch of one `join_all`, in the caller's task.
    Joined,
}

/// The ways a supervisor goes wrong, each judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// A job's error is missing from the report.
    pub loses_errors: bool,
    /// A job's panic is missing from the report.
    pub loses_panics: bool,
    /// A job's panic ends `run` itself: no report at all.
    pub panics: bool,
    /// Dropped half-way by its caller, it leaves its jobs running.
    pub outlives_caller: bool,
}

impl Variant {
    /// What this supervisor gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; the tests check every answer against the supervisor's behaviour.
    pub fn faults(self) -> Faults {
        let (loses_errors, loses_panics, panics, outlives_caller) = match self {
            Variant::Anti => (true, true, false, true),
            Variant::AwaitedHandles => (false, false, false, true),
            Variant::Joined => (false, false, true, false),
            Variant::Fixed | Variant::Tracker => (false, false, false, false),
        };
        Faults {
            loses_errors,
            loses_panics,
            panics,
            outlives_caller,
        }
    }

    /// Whether this supervisor gets nothing wrong.
    pub fn is_correct(self) -> bool {
        self.faults()
            == (Faults {
                loses_errors: false,
                loses_panics: false,
                panics: false,
                outlives_caller: false,
            })
    }

    /// Runs this supervisor on `jobs`.
    pub async fn run(self, jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
        match self {
            Variant::Anti => anti::run(jobs, ledger).await,
            Variant::Fixed => fixed::run(jobs, ledger).await,
            Variant::Tracker => tracker::run(jobs, ledger).await,
            Variant::AwaitedHandles => awaited_handles::run(jobs, ledger).await,
            Variant::Joined => joined::run(jobs, ledger).await,
        }
    }

    /// Runs it on `jobs` through the harness, on a paused runtime.
    pub fn supervise_paused(self, jobs: &[Job]) -> Supervised {
        scenario::paused_runtime().block_on(scenario::supervise(jobs, move |jobs, ledger| {
            self.run(jobs, ledger)
        }))
    }

    /// Starts it on `jobs`, drops it `at` into the batch, on a paused runtime.
    pub fn abandon_paused(self, jobs: &[Job], at: Duration) -> Abandoned {
        scenario::paused_runtime().block_on(scenario::abandon(jobs, at, move |jobs, ledger| {
            self.run(jobs, ledger)
        }))
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
