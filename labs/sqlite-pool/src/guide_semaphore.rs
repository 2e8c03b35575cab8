//! The guide's extra: a semaphore in front of a pool that already queues.
//!
//! A sqlx pool caps its connections and makes every caller past the cap wait for one (up to
//! its acquire timeout): that *is* a semaphore, with the connections as permits. A
//! `Semaphore(4)` around each query adds a second queue in front of the first. It cannot
//! prevent "pool exhaustion", which a queue does not have; it only adds an acquire and a
//! release per query, and with a limit below the pool's it keeps connections idle.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::contract::Store;
use crate::fixed;

/// The guide's limit.
pub const PERMITS: usize = 4;

/// The fix's store, with a semaphore of four permits in front of every query.
pub async fn open(path: &std::path::Path) -> sqlx::Result<Store> {
    let store = fixed::open(path).await?;
    Ok(Store {
        gate: Some(Arc::new(Semaphore::new(PERMITS))),
        ..store
    })
}
