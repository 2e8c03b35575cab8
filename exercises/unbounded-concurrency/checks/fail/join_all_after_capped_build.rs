//! Wrong: the semaphore bounds *building* the requests, and `join_all` then polls them all.
//! A request is only a future until polled, so the permit guarded nothing. Caught by
//! `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`.

use futures_util::future::join_all;
use tokio::sync::Semaphore;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let permits = Semaphore::new(MAX_IN_FLIGHT);
    let mut requests = Vec::with_capacity(ids.len());
    for id in ids {
        let _permit = permits.acquire().await?;
        requests.push(api.item(id));
    }
    join_all(requests).await.into_iter().collect()
}
