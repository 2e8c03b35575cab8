//! Wrong: never more than one in flight, so never more than the cap; and eight times slower
//! than the cap allows. Caught by `the_cap_is_kept_busy_so_the_job_takes_no_longer_than_it_must`.

use crate::api::Api;

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let mut values = Vec::with_capacity(ids.len());
    for id in ids {
        values.push(api.item(id).await?);
    }
    Ok(values)
}
