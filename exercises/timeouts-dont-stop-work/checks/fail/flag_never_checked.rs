//! Wrong: a stop flag that is set on the timeout but never read by the work, which still
//! calls `run()`; and the handler waits for a copy that cannot stop. Caught by `limit` (it
//! gives up only when each copy has run its whole job) and `once` (the copies run to the end).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Work};

/// Computes the job's thumbnail on the blocking pool, "stopping" each timed-out attempt.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let stop = Arc::new(AtomicBool::new(false));
        let copy = work.copy(job);
        let mut task = spawn_blocking({
            let _stop = stop.clone();
            move || copy.run()
        });
        match timeout(policy.limit, &mut task).await {
            Ok(done) => return Ok(done.expect("a copy does not panic")),
            Err(_elapsed) => {
                stop.store(true, Ordering::Relaxed);
                let _ = task.await;
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
