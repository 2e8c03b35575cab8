//! Wrong: `timeout` around `spawn_blocking`. The timer fires on time now, but dropping the
//! handle does not stop the closure: every attempt's copy runs to the end, three at once.
//! Caught by `once` (two copies at once, copies left running, a copy that ran to the end).

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, each attempt bounded.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let copy = work.copy(job);
        if let Ok(done) = timeout(policy.limit, spawn_blocking(move || copy.run())).await {
            return Ok(done.expect("a copy does not panic"));
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
