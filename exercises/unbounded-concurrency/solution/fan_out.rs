//! The sync job, fixed: a stream of requests, at most `MAX_IN_FLIGHT` unfinished at once.
//!
//! `stream::iter(ids).map(|id| api.item(id))` builds a request only when the stream is asked
//! for the next one, and `buffer_unordered(MAX_IN_FLIGHT)` asks only while fewer than that
//! many are unfinished, so the next request starts as soon as one ends.

use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    stream::iter(ids)
        .map(|id| api.item(id))
        .buffer_unordered(MAX_IN_FLIGHT)
        .try_collect()
        .await
}
