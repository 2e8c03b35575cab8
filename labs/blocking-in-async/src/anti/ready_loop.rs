//! A long loop whose `.await`s are always ready.
//!
//! The loop looks cooperative: every item goes through an `.await`. But `.await` is not a
//! yield. It hands the thread back to the scheduler only when the awaited future returns
//! `Pending`, and [`work::lookup`] is ready the moment it is polled (a cache hit), so the
//! whole loop runs in a single poll, exactly like [`crate::anti::cpu`].
//!
//! Tokio's own resources (channels, semaphores, sockets) guard against this with a
//! cooperative budget: after 128 operations in one poll they return `Pending` even when
//! ready, and the task yields. Futures from outside Tokio, like this lookup, know nothing
//! about the budget. The fixes opt in: [`crate::fixed::yield_now`] yields every few items,
//! [`crate::fixed::consume_budget`] spends Tokio's budget on each item.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Sums every item's lookup without ever yielding, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let mut sum = 0u64;
    for item in 0..job.items() {
        sum = sum.wrapping_add(work::lookup(&job, item).await);
    }
    Ok(sum)
}
