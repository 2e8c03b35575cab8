//! Wrong: the right combinator with the wrong number: `buffer_unordered(ids.len())` caps the
//! job at its own size, which is no cap. Caught by
//! `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`.

use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::api::Api;

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let width = ids.len().max(1);
    stream::iter(ids)
        .map(|id| api.item(id))
        .buffer_unordered(width)
        .try_collect()
        .await
}
