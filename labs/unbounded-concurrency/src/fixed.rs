//! The fix: a stream of fetches, `buffer_unordered(k)`.
//!
//! `stream::iter(ids).map(fetch)` builds a fetch only when the stream is asked for the next
//! one, and `buffer_unordered(k)` asks for the next one only while fewer than `k` of its
//! fetches are unfinished: as each answer comes back the next request starts. So at most `k`
//! are in flight whatever `N` is, the cap is always used while ids are left, and the job needs
//! `k` connections, `k` fetches in memory and gives the server `k` requests at a time. One
//! task: no spawn, no permit, nothing to join.

use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::contract::{Answers, Bounds, Fetcher};

/// At most `bounds.in_flight` fetches at once, the next started as soon as one ends.
pub async fn fetch_all(fetcher: &Fetcher, ids: Vec<u64>, bounds: Bounds) -> Answers {
    stream::iter(ids)
        .map(|id| fetcher.fetch(id))
        // `max(1)`: a cap of 0 would never start anything, and never finish.
        .buffer_unordered(bounds.in_flight.max(1))
        .try_collect()
        .await
}
