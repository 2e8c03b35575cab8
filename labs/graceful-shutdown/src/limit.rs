//! The floor of the bench: the bare `CancellationToken` round trip, with no service around
//! it.
//!
//! `workers` tasks wait on `cancelled()`; one `cancel()` wakes them all and each returns at
//! once. No graceful shutdown can be faster than telling every worker and hearing back from
//! every one, so whatever a service costs above this row is its own machinery: the signal's
//! hop to the supervisor, the flush, the tracker.

use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// `workers` tasks parked on one token, ready to be cancelled.
pub struct Parked {
    token: CancellationToken,
    tasks: JoinSet<()>,
}

/// Parks `workers` tasks on a fresh token; call inside a runtime.
pub fn park(workers: usize) -> Parked {
    let token = CancellationToken::new();
    let mut tasks = JoinSet::new();
    for _ in 0..workers {
        let token = token.clone();
        tasks.spawn(async move { token.cancelled().await });
    }
    Parked { token, tasks }
}

impl Parked {
    /// Cancels the token and waits until every task has returned.
    pub async fn cancel_and_join(mut self) {
        self.token.cancel();
        while self.tasks.join_next().await.is_some() {}
    }
}
