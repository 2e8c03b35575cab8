//! A fix that keeps the work on the runtime: the async step yields after every step.
//!
//! `tokio::task::yield_now()` returns `Pending` once, so the poll ends after each step and
//! `timeout` gets to look at its timer: the limit is kept to within one step. Giving up is
//! stopping, here: when `timeout` returns `Elapsed` it drops the future, and a dropped future
//! never takes another step. No copy outlives its attempt. The cost is that the work still
//! runs on a worker, one step per poll: fine for steps of microseconds, a stall for long ones.

use tokio::time::timeout;

use crate::contract::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the thumbnail inline, yielding after every step.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        if let Ok(thumbnail) = timeout(policy.limit, render(work, job)).await {
            return Ok(thumbnail);
        }
        // The attempt's future, and its copy, were dropped by `timeout`: nothing runs on.
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}

/// The expensive step, one step per poll.
pub(crate) async fn render(work: &Work, job: Job) -> Thumbnail {
    let mut copy = work.copy(job);
    while !copy.is_done() {
        copy.step();
        // Ends the poll: the timer is looked at, and a drop here stops the work.
        tokio::task::yield_now().await;
    }
    copy.finish()
}
