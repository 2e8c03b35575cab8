//! Wrong here: `consume_budget()` after every step yields only once the task's budget of
//! 128 is spent, so a poll runs 128 steps, and `timeout`, which polls the work before its
//! timer, sees the deadline up to 256 steps late. Right for steps of microseconds; with these
//! it misses the limit. Caught by `limit` and `answers` (the heartbeat waits 128 steps).

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the job's thumbnail inline, cooperatively.
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
        tokio::task::consume_budget().await;
    }
    copy.finish()
}
