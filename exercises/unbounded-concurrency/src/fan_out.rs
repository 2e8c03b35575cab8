//! The sync job: fetch every item of `ids` from the API and return their values.
//!
//! As written it spawns a task per id, all at once, so a job of ten thousand ids puts ten
//! thousand requests in flight on the API (and ten thousand connections, and ten thousand
//! tasks in memory). The API's operators allow `crate::api::MAX_IN_FLIGHT` from one job.
//!
//! Make the job keep at most `MAX_IN_FLIGHT` requests in flight at any instant, whatever the
//! number of ids, without making it slower than it needs to be: while ids are left and fewer
//! than `MAX_IN_FLIGHT` are in flight, the next request should start. Every id must still be
//! fetched exactly once, and every value returned (in any order).

use crate::api::Api;

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| tokio::spawn(api.item(id)))
        .collect();
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        values.push(handle.await??);
    }
    Ok(values)
}
