//! Right: the work in a spawned task that yields after every step, stopped through its
//! `AbortHandle` on the timeout, and awaited until it is gone before the next attempt.

use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail in a task of its own, aborted when it runs over.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let mut copy = work.copy(job);
        let mut task = tokio::spawn(async move {
            while !copy.is_done() {
                copy.step();
                tokio::task::yield_now().await;
            }
            copy.finish()
        });
        let stop = task.abort_handle();
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("a copy does not panic")),
            Err(_elapsed) => {
                stop.abort();
                // Err(cancelled) once the task's future, and its copy, are dropped.
                let _ = task.await;
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
