//! Right, and shaped unlike the reference: no `timeout` at all. The work checks its own
//! deadline between steps, on Tokio's clock (`tokio::time::Instant`, which a blocking thread
//! reads from its runtime), and the handler simply awaits it: an attempt ends when its copy
//! stops, so no copy can outlive it.

use tokio::task::spawn_blocking;
use tokio::time::Instant;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, each attempt stopped at its deadline.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let mut copy = work.copy(job);
        let deadline = Instant::now() + policy.limit;
        let done = spawn_blocking(move || {
            while !copy.is_done() {
                if Instant::now() >= deadline {
                    return None;
                }
                copy.step();
            }
            Some(copy.finish())
        })
        .await
        .expect("a copy does not panic");
        if let Some(thumbnail) = done {
            return Ok(thumbnail);
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
