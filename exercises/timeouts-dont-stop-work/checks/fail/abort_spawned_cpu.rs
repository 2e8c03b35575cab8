//! Wrong: the work in a spawned task, aborted on the timeout. But the task never yields, so
//! it runs the whole job in its first poll, on the runtime's only worker: the timer cannot
//! fire and `abort` has no `.await` to act at. Caught by `limit` and `answers`.

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail in a task of its own, aborted when it runs over.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let copy = work.copy(job);
        let mut task = tokio::spawn(async move { copy.run() });
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("a copy does not panic")),
            Err(_elapsed) => {
                task.abort();
                let _ = task.await;
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
