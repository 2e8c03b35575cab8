//! A fix for work that is async: a spawned task, stopped through its `AbortHandle`.
//!
//! The step yields after every step (as in [`crate::yield_now`]) but runs in a task of its
//! own, the shape of a handler that hands work to a task and waits on the handle. `timeout`
//! around the handle would only stop the waiting, so on `Elapsed` the handler aborts the task,
//! which drops its future at its next `.await`, and awaits the handle until the task is gone
//! before it retries. `abort` works here because the task yields; it would do nothing to a
//! task that never does, or to a `spawn_blocking` one (`abort-blocking`).

use tokio::time::timeout;

use crate::contract::{Answer, GaveUp, Job, Policy, Work};

/// Computes the thumbnail in a spawned task, aborting each timed-out attempt.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let mut task = tokio::spawn({
            let work = work.clone();
            async move { crate::yield_now::render(&work, job).await }
        });
        let stop = task.abort_handle();
        match timeout(policy.limit, &mut task).await {
            Ok(Ok(thumbnail)) => return Ok(thumbnail),
            Ok(Err(join)) => std::panic::resume_unwind(join.into_panic()),
            Err(_elapsed) => {
                stop.abort();
                // Cancelled once its future is dropped: only then is the copy gone.
                if let Err(join) = task.await
                    && join.is_panic()
                {
                    std::panic::resume_unwind(join.into_panic());
                }
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
