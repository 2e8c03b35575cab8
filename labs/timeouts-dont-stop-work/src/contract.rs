//! The contract every handler in this lab keeps: compute a job's thumbnail, give each attempt
//! at most `limit`, and try again on a timeout, at most `attempts` times in all.
//!
//! Every variant is an `async fn(&Work, Job, Policy) -> Result<Thumbnail, GaveUp>`, so the
//! tests, the bench, the demo and the probe run each one on the same job. What the handler
//! promises its caller is the point of the lab: an answer, or [`GaveUp`] no later than
//! [`Policy::give_up_by`], and no copy of the job still running once it has moved on.

use std::fmt;
use std::time::Duration;

pub use crate::work::{Copy, Cost, Job, Tally, Thumbnail, Work};

/// How long a handler may spend on the expensive step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// The most one attempt may take.
    pub limit: Duration,
    /// Attempts in all, the first included (at least 1).
    pub attempts: u32,
}

impl Policy {
    /// The latest a handler that keeps its limit can give up, for work whose steps take
    /// `step`: every attempt's limit, plus per attempt two steps and one tick of Tokio's timer
    /// (a deadline is rounded up to the next millisecond). The first step is the one under
    /// way when the deadline passes: no check between steps can cut it short. The second is
    /// `timeout`'s own: it polls its future before its timer, so the poll that would notice
    /// the deadline first lets an inline future run on to its next yield. Work on another
    /// thread, stopped by a token, needs only the first.
    pub fn give_up_by(self, step: Duration) -> Duration {
        (self.limit + step * 2 + TIMER_TICK) * self.attempts
    }
}

/// The resolution of Tokio's timer: deadlines are rounded up to the next millisecond.
pub const TIMER_TICK: Duration = Duration::from_millis(1);

/// Every attempt timed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GaveUp {
    /// Attempts made.
    pub attempts: u32,
}

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gave up after {} timed-out attempts", self.attempts)
    }
}

impl std::error::Error for GaveUp {}

/// A handler's answer.
pub type Answer = Result<Thumbnail, GaveUp>;
