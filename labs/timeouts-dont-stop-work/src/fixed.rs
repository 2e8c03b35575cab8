//! The reference fix: the work off the runtime, stopped by a token it checks between steps,
//! and no retry until the abandoned copy has stopped.
//!
//! Three decisions, one per fault. The job runs on the blocking pool, so no worker is blocked
//! and the timer fires on time. It checks a `CancellationToken` before every step, so when an
//! attempt times out the handler can *stop* it, not just stop waiting: cancel the token and
//! the copy ends after the step it is in. And the handler awaits the copy's handle before
//! anything else, so a retry never starts beside a copy still running, and when the handler
//! returns nothing it started is left running. What that costs is bounded: one step per
//! attempt beyond the limit ([`Policy::give_up_by`]).

use tokio::task::spawn_blocking;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

use crate::contract::{Answer, GaveUp, Job, Policy, Work};

/// Computes the thumbnail on the blocking pool, stopping each timed-out attempt before the
/// next.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        let cancel = CancellationToken::new();
        let stop = cancel.clone();
        let mut copy = work.copy(job);
        let mut task = spawn_blocking(move || {
            while !copy.is_done() {
                // Checked between steps: a step, once begun, cannot be cut short.
                if stop.is_cancelled() {
                    return None;
                }
                copy.step();
            }
            Some(copy.finish())
        });
        match timeout(policy.limit, &mut task).await {
            Ok(Ok(thumbnail)) => {
                return Ok(thumbnail.expect("only a cancelled copy stops early"));
            }
            Ok(Err(join)) => std::panic::resume_unwind(join.into_panic()),
            Err(_elapsed) => {
                cancel.cancel();
                // Never retry work that is still running: wait the step it is in.
                if let Err(join) = task.await {
                    std::panic::resume_unwind(join.into_panic());
                }
            }
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}
