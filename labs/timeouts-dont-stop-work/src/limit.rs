//! The floor of the bench: an attempt that has nothing to stop.
//!
//! `timeout(limit, pending())` per attempt: the timer alone, with no work racing it and no
//! copy to stop. No handler can give up sooner than this and still give every attempt its
//! limit; what a fix takes above it is the step under way when the timer fires, and the cost
//! of stopping its copy.

use std::future::pending;

use tokio::time::timeout;

use crate::contract::{GaveUp, Policy};

/// Waits out every attempt's limit, and gives up.
pub async fn give_up(policy: Policy) -> GaveUp {
    for _ in 0..policy.attempts {
        let _elapsed = timeout(policy.limit, pending::<()>()).await;
    }
    GaveUp {
        attempts: policy.attempts,
    }
}
