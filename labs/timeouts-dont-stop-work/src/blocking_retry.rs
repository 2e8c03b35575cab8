//! The second anti-pattern: `timeout` around `spawn_blocking`, and a retry.
//!
//! Moving the work to the blocking pool fixes the first problem: the worker is free, the
//! timer fires on time and the handler gets `Elapsed` at the limit. But the timeout only
//! dropped the `JoinHandle`, and dropping a handle detaches the task, it does not stop it: a
//! blocking closure cannot be interrupted at all. The copy computes on, for nobody. The retry
//! then starts a second copy beside it, and a third: the job runs once per attempt, each copy
//! holding a blocking thread to the end, and under load the pool fills with abandoned work.

use tokio::task::spawn_blocking;
use tokio::time::timeout;

use crate::contract::{Answer, GaveUp, Job, Policy, Work};

/// Computes the thumbnail on the blocking pool, each attempt bounded by `policy.limit`.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let copy = work.copy(job);
        match timeout(policy.limit, spawn_blocking(move || copy.run())).await {
            Ok(Ok(thumbnail)) => return Ok(thumbnail),
            Ok(Err(join)) => std::panic::resume_unwind(join.into_panic()),
            // The handle is dropped here: the copy runs on, and the next turn starts another.
            Err(_elapsed) => continue,
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
