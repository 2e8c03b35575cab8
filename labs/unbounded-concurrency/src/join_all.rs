//! The same anti-pattern without a spawn: every future built up front, then `join_all`.
//!
//! A future does nothing until polled, so building a `Vec` of them costs only memory. But
//! `join_all` polls every one of them on its first poll, so the first poll sends all `N`
//! requests: the same `N` in flight as a spawn per input, on one task. (The guide's §5.1 puts a
//! semaphore inside each future; without it, this is what is left.)

use futures_util::future::join_all;

use crate::contract::{Answers, Bounds, Fetcher};

/// Builds every fetch, then polls them all together.
pub async fn fetch_all(fetcher: &Fetcher, ids: Vec<u64>, _bounds: Bounds) -> Answers {
    let fetches: Vec<_> = ids.into_iter().map(|id| fetcher.fetch(id)).collect();
    // All N requests start at this await's first poll.
    join_all(fetches).await.into_iter().collect()
}
