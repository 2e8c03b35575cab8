//! The anti-pattern: `timeout` around CPU-bound async code.
//!
//! The handler looks careful: the expensive step is bounded by `tokio::time::timeout`, and a
//! timed-out attempt is tried again. But the step is an `async fn` with no `.await` in it, so
//! its first poll runs the whole job. A timeout is a race between the future and a timer,
//! judged only when the future is polled and returns `Pending`; this one never does. The
//! timer's deadline passes while the worker computes, and when the poll returns, the future
//! is ready: `timeout` returns `Ok`, as late as the work made it, and the limit never applied.
//! The worker was blocked all that time, so every other task on it waited too.

use tokio::time::timeout;

use crate::contract::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the thumbnail inline, each attempt "bounded" by `policy.limit`.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        match timeout(policy.limit, render(work, job)).await {
            Ok(thumbnail) => return Ok(thumbnail),
            // Never taken: the timer cannot win a race against a future that never waits.
            Err(_elapsed) => continue,
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}

/// The expensive step as async code that never yields: every step, back to back, in one poll.
#[expect(
    clippy::unused_async,
    reason = "the anti-pattern: an async fn that never awaits runs to the end in its first poll"
)]
async fn render(work: &Work, job: Job) -> Thumbnail {
    work.copy(job).run()
}
