//! Wrong: one `yield_now()` before the work, then every step in one poll. The timeout can
//! fire at that first yield only, before any time has passed. Caught by `limit` (it answers
//! after the whole job) and `answers` (the heartbeat waits for the whole job).

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the job's thumbnail inline, after letting the runtime in once.
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
    tokio::task::yield_now().await;
    work.copy(job).run()
}
