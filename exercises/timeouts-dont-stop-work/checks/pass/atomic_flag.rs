//! Right: an `AtomicBool` instead of a token, looked at before every step, and the handle
//! awaited after setting it; written as a helper that runs one attempt.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::support::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the job's thumbnail, one stoppable attempt at a time.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        if let Some(thumbnail) = attempt(work, job, policy).await {
            return Ok(thumbnail);
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}

/// One attempt: the thumbnail, or `None` once the copy has stopped.
async fn attempt(work: &Work, job: Job, policy: Policy) -> Option<Thumbnail> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut copy = work.copy(job);
    let flag = stop.clone();
    let mut task = spawn_blocking(move || {
        while !copy.is_done() && !flag.load(Ordering::Acquire) {
            copy.step();
        }
        copy.is_done().then(|| copy.finish())
    });
    if let Ok(done) = timeout(policy.limit, &mut task).await {
        return done.expect("a copy does not panic");
    }
    stop.store(true, Ordering::Release);
    task.await.expect("a copy does not panic");
    None
}
