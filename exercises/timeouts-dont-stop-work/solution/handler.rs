//! The reference fix: the work on the blocking pool, stopped by a `CancellationToken` it
//! checks between steps, and each abandoned copy awaited before the next attempt.

use tokio::task::spawn_blocking;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail, each attempt bounded by `policy.limit` and stopped when it
/// runs over.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let cancel = CancellationToken::new();
        let stop = cancel.clone();
        let mut copy = work.copy(job);
        // Off the runtime: the worker stays free and the timer fires on time.
        let mut task = spawn_blocking(move || {
            while !copy.is_done() {
                if stop.is_cancelled() {
                    return None;
                }
                copy.step();
            }
            Some(copy.finish())
        });
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("a copy does not panic").expect("not cancelled")),
            Err(_elapsed) => {
                cancel.cancel();
                // Never retry while the last copy still runs: it stops after its step.
                let _stopped = task.await;
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
