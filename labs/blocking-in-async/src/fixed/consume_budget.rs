//! The long loop, made to spend Tokio's cooperative budget with `consume_budget`.
//!
//! Every task starts each poll with a budget of 128 units; Tokio's own resources spend one
//! unit per operation and return `Pending` when it is gone, which forces a yield (see
//! [`crate::anti::ready_loop`]). `consume_budget` lets our own loop take part: it spends one
//! unit and yields only if the budget is exhausted. Compared with [`crate::fixed::yield_now`]
//! there is no slice length to choose, and a loop that already awaits Tokio resources does not
//! yield more than it needs to; the price is that the slice is counted in operations, not in
//! time, so it is only as short as 128 of our items are.

use crate::contract::{HandlerError, Job};
use crate::work;

/// Sums every item's lookup, spending one unit of budget per item, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let mut sum = 0u64;
    for item in 0..job.items() {
        sum = sum.wrapping_add(work::lookup(&job, item).await);
        tokio::task::coop::consume_budget().await;
    }
    Ok(sum)
}
