//! A fix that is not one: `abort()` on the `spawn_blocking` handle before retrying.
//!
//! It reads like the cure for `blocking-retry`: keep the handle, and when the attempt times
//! out, abort the task. But `abort` can only cancel a task at an `.await`, and a blocking task
//! has none: Tokio's documentation says so, a `spawn_blocking` task that has started cannot be
//! aborted. The call returns at once and does nothing; the copy runs to the end, and the retry
//! starts the next one beside it, exactly as without the `abort`.

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::contract::{Answer, GaveUp, Job, Policy, Work};

/// `blocking-retry`, with `abort()` called on each timed-out attempt.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let copy = work.copy(job);
        let mut task = spawn_blocking(move || copy.run());
        match timeout(policy.limit, &mut task).await {
            Ok(Ok(thumbnail)) => return Ok(thumbnail),
            Ok(Err(join)) => std::panic::resume_unwind(join.into_panic()),
            // A no-op on a blocking task that has started.
            Err(_elapsed) => task.abort(),
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
