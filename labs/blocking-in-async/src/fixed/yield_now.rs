//! The long loop, made to yield every few items with `tokio::task::yield_now`.
//!
//! Some work has to stay on the runtime: it is made of async calls that are *usually* ready
//! (a cache in front of a database), or it uses task-local state. Such a loop can still share
//! the thread by giving it back now and then. `yield_now` returns `Pending` once and wakes its
//! own task at once, so the task goes to the back of the queue and the worker runs whatever
//! else is waiting, timers included, before coming back.
//!
//! The slice length is the trade-off: the work between two yields is the longest any other
//! task on the worker waits for this one. [`YIELD_EVERY`] items are a few tens of
//! microseconds here; each yield costs a trip through the scheduler.

use crate::contract::{HandlerError, Job};
use crate::work;

/// How many items the loop handles between two yields.
pub const YIELD_EVERY: u64 = 16;

/// Sums every item's lookup, yielding every [`YIELD_EVERY`] items, then answers.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    let mut sum = 0u64;
    for item in 0..job.items() {
        sum = sum.wrapping_add(work::lookup(&job, item).await);
        if (item + 1) % YIELD_EVERY == 0 {
            tokio::task::yield_now().await;
        }
    }
    Ok(sum)
}
