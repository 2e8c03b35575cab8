//! Wrong: a yield every 50 steps, a grain tuned for a fast machine. The timer is looked at
//! only between chunks, so each attempt overruns its limit by up to two chunks. Caught by
//! `limit` and `answers` (the heartbeat waits 50 steps).

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the job's thumbnail inline, in chunks of 50 steps.
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
    let mut steps = 0_u32;
    while !copy.is_done() {
        copy.step();
        steps += 1;
        if steps.is_multiple_of(50) {
            tokio::task::yield_now().await;
        }
    }
    copy.finish()
}
