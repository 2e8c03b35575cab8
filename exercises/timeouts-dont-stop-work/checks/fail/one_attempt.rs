//! Wrong: "no retry, no duplicate": gives up at the first timeout (the copy stopped by a
//! token). It never runs the job twice because it never tries twice, and the caller loses the
//! attempts the policy promised. Caught by `limit` (gave up before every attempt had its
//! limit) and `once` (one attempt made).

use tokio::task::spawn_blocking;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, once.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
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
        Ok(done) => Ok(done.expect("no panic").expect("not cancelled")),
        Err(_elapsed) => {
            cancel.cancel();
            let _ = task.await;
            Err(GaveUp {
                attempts: policy.attempts,
            })
        }
    }
}
