//! Wrong: the copy is cancelled on the timeout, but the retry starts at once, while the old
//! copy is still in its last step: two copies at once, for a step, on every retry. Caught by
//! `once` (two copies alive at the same time; the last copy still running at the return).

use tokio::task::spawn_blocking;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, cancelling each timed-out attempt.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let cancel = CancellationToken::new();
        let stop = cancel.clone();
        let mut copy = work.copy(job);
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
            Ok(done) => return Ok(done.expect("no panic").expect("not cancelled")),
            Err(_elapsed) => cancel.cancel(),
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
