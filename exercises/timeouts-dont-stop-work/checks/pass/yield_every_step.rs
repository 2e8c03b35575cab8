//! Right: the work stays in async code, and yields after every step. Each poll is one step,
//! so the timer is seen a step after the deadline; `timeout` then drops the future, and a
//! dropped future takes no more steps: giving up is stopping.

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the job's thumbnail inline, one step per poll.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        if let Ok(thumbnail) = timeout(policy.limit, render(work, job)).await {
            return Ok(thumbnail);
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}

async fn render(work: &Work, job: Job) -> Thumbnail {
    let mut copy = work.copy(job);
    while !copy.is_done() {
        copy.step();
        tokio::task::yield_now().await;
    }
    copy.finish()
}
