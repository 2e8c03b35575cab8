//! Wrong: the token is looked at once, before the work starts, and never between steps: a
//! copy that has started runs to the end. Caught by `limit` and `once`.

use tokio::task::spawn_blocking;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, "cancellable".
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let cancel = CancellationToken::new();
        let stop = cancel.clone();
        let copy = work.copy(job);
        let mut task = spawn_blocking(move || (!stop.is_cancelled()).then(|| copy.run()));
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("no panic").expect("not cancelled")),
            Err(_elapsed) => {
                cancel.cancel();
                let _ = task.await;
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
