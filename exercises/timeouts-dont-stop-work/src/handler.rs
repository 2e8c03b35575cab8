//! A request handler whose expensive step (a thumbnail: CPU work, so many steps of it) must
//! take at most `policy.limit` per attempt, with `policy.attempts` attempts in all.
//!
//! The tests want two things of it, on a job far too long for the limit: it gives up within
//! its limits (every attempt's limit, and a step or two more, no later), and no copy of the
//! job runs on once its attempt has been given up on: never two at once, none left running
//! when the handler returns. A job that fits its limit must still be answered.

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the job's thumbnail, each attempt bounded by `policy.limit`.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        match timeout(policy.limit, render(work, job)).await {
            Ok(thumbnail) => return Ok(thumbnail),
            Err(_elapsed) => continue,
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}

/// The expensive step.
#[expect(clippy::unused_async, reason = "the starter: CPU work in an async fn")]
async fn render(work: &Work, job: Job) -> Thumbnail {
    work.copy(job).run()
}
