//! Every handler of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module; each of them knows only the contract.

use std::fmt;

use crate::contract::{Answer, Job, Policy, Work};
use crate::{abort_blocking, abort_task, anti, blocking_retry, consume_budget, fixed, yield_now};

/// Every handler: the anti-pattern first, the reference fix second, then the other fixes,
/// then the other mistakes (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `timeout` around async code that never yields.
    Anti,
    /// `spawn_blocking`, a token checked between steps, the copy awaited before a retry.
    Fixed,
    /// Inline, `yield_now()` after every step.
    YieldNow,
    /// A spawned task that yields, stopped with its `AbortHandle`.
    AbortTask,
    /// Inline, `consume_budget()` after every step (yields every 128).
    ConsumeBudget,
    /// `timeout` around `spawn_blocking`, and a retry.
    BlockingRetry,
    /// The same, with `abort()` on the blocking task's handle.
    AbortBlocking,
}

/// What a handler gets wrong, each judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// It returns later than [`Policy::give_up_by`].
    pub late: bool,
    /// A copy of the job outlives its attempt: two run at once, or an abandoned one runs on.
    pub runs_on: bool,
    /// It computes on a worker for longer than a step at a time.
    pub blocks_worker: bool,
}

impl Variant {
    /// What this handler gets wrong, at the lab's grain (steps of a millisecond). A `match`,
    /// so a new variant cannot be added without deciding; the tests check every answer.
    pub fn faults(self) -> Faults {
        let (late, runs_on, blocks_worker) = match self {
            Variant::Anti => (true, false, true),
            Variant::ConsumeBudget => (true, false, true),
            Variant::BlockingRetry | Variant::AbortBlocking => (false, true, false),
            Variant::Fixed | Variant::YieldNow | Variant::AbortTask => (false, false, false),
        };
        Faults {
            late,
            runs_on,
            blocks_worker,
        }
    }

    /// Whether this handler gets nothing wrong.
    pub fn is_correct(self) -> bool {
        self.faults()
            == Faults {
                late: false,
                runs_on: false,
                blocks_worker: false,
            }
    }

    /// Handles one request.
    pub async fn handle(self, work: &Work, job: Job, policy: Policy) -> Answer {
        match self {
            Variant::Anti => anti::handle(work, job, policy).await,
            Variant::Fixed => fixed::handle(work, job, policy).await,
            Variant::YieldNow => yield_now::handle(work, job, policy).await,
            Variant::AbortTask => abort_task::handle(work, job, policy).await,
            Variant::ConsumeBudget => consume_budget::handle(work, job, policy).await,
            Variant::BlockingRetry => blocking_retry::handle(work, job, policy).await,
            Variant::AbortBlocking => abort_blocking::handle(work, job, policy).await,
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use evidence::Variants as _;
        f.write_str(&self.name())
    }
}
