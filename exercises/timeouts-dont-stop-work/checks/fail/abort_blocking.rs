//! Wrong: `abort()` on the `spawn_blocking` handle. A blocking task that has started cannot
//! be aborted: the call does nothing, and the copies run on as without it. Caught by `once`.

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, aborting each timed-out attempt.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let copy = work.copy(job);
        let mut task = spawn_blocking(move || copy.run());
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("a copy does not panic")),
            Err(_elapsed) => task.abort(),
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
