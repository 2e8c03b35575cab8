//! Right: tasks in a `JoinSet`, one joined whenever `MAX_IN_FLIGHT` are running.

use tokio::task::JoinSet;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let mut running = JoinSet::new();
    let mut values = Vec::with_capacity(ids.len());
    for id in ids {
        if running.len() == MAX_IN_FLIGHT {
            let done = running.join_next().await.expect("a full set is not empty");
            values.push(done??);
        }
        running.spawn(api.item(id));
    }
    while let Some(done) = running.join_next().await {
        values.push(done??);
    }
    Ok(values)
}
