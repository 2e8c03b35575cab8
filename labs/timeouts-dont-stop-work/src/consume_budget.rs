//! A fix with a coarse grain: `tokio::task::consume_budget()` after every step.
//!
//! `consume_budget` spends one unit of the task's cooperative budget and yields only when the
//! budget is gone: Tokio gives a task 128 units per poll. So this poll ends every 128 steps,
//! not every step. The timer does win, and the dropped future stops the work, but only at a
//! poll's end: `timeout` polls its future before its timer, so the attempt that should end at
//! the limit runs to the end of the next 128 steps first. With steps of microseconds that is
//! nothing; with the lab's millisecond steps each attempt overruns by up to twice 128 ms.

use tokio::time::timeout;

use crate::contract::{Answer, GaveUp, Job, Policy, Thumbnail, Work};

/// Computes the thumbnail inline, spending one unit of budget per step.
pub async fn handle(work: &Work, job: Job, policy: Policy) -> Answer {
    for _ in 0..policy.attempts {
        if let Ok(thumbnail) = timeout(policy.limit, render(work, job)).await {
            return Ok(thumbnail);
        }
    }
    Err(GaveUp {
        attempts: policy.attempts,
    })
}

async fn render(work: &Work, job: Job) -> Thumbnail {
    let mut copy = work.copy(job);
    while !copy.is_done() {
        copy.step();
        // Yields only when the task's budget (128 per poll) is spent.
        tokio::task::consume_budget().await;
    }
    copy.finish()
}
