//! Wrong: never two copies at once, by awaiting each timed-out copy before the next attempt;
//! but nothing tells the copy to stop, so each wait lasts the whole job. Caught by `limit`
//! and `once` (each copy runs to the end).

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, one copy at a time.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let copy = work.copy(job);
        let mut task = spawn_blocking(move || copy.run());
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("a copy does not panic")),
            // Waits for the copy to finish: a retry never overlaps it.
            Err(_elapsed) => drop(task.await),
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
