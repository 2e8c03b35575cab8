//! What your handler works with, and what the tests use to judge it; you should not need to
//! change anything here.
//!
//! - [`Work`] makes copies of a job ([`Work::copy`]); a [`Copy`] is one attempt at the
//!   thumbnail: call [`Copy::step`] until [`Copy::is_done`], then [`Copy::finish`] (or
//!   [`Copy::run`] for all of it at once). Dropping a copy part-way stops that attempt. A step
//!   is CPU work: it never yields, and it takes its time on whatever thread runs it.
//! - [`Policy`]: how long one attempt may take, and how many attempts in all.
//! - The tests run your handler on Tokio's paused clock ([`Scenario`]), where every step
//!   takes exactly its time and every instant is exact (measure time with `tokio::time`).

use std::fmt;
use std::time::Duration;

mod drive;
mod work;

pub use drive::{HEARTBEAT, Handled, Scenario, drive};
pub use work::{Copy, Cost, Job, Tally, Thumbnail, Work};

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
