//! Wrong: a `JoinSet` that waits for a task only when it holds *more* than the cap, so it runs
//! one too many. Caught by `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`
//! (9 ids).

use tokio::task::JoinSet;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let mut running = JoinSet::new();
    let mut values = Vec::with_capacity(ids.len());
    for id in ids {
        while running.len() > MAX_IN_FLIGHT {
            if let Some(done) = running.join_next().await {
                values.push(done??);
            }
        }
        running.spawn(api.item(id));
    }
    while let Some(done) = running.join_next().await {
        values.push(done??);
    }
    Ok(values)
}
