//! Wrong: batches of `MAX_IN_FLIGHT`, each awaited whole before the next starts. The cap is
//! kept, but every batch waits for its slowest item while the other slots sit idle. Caught by
//! `the_cap_is_kept_busy_so_the_job_takes_no_longer_than_it_must`.

use futures_util::future::join_all;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let mut values = Vec::with_capacity(ids.len());
    for batch in ids.chunks(MAX_IN_FLIGHT) {
        for value in join_all(batch.iter().map(|&id| api.item(id))).await {
            values.push(value?);
        }
    }
    Ok(values)
}
