//! Wrong: each task takes its permit, but only after its request was already handed to a task
//! of its own, which sends it at once. The permit then bounds the *waiting* for answers.
//! Caught by `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| {
            let (permits, request) = (Arc::clone(&permits), tokio::spawn(api.item(id)));
            tokio::spawn(async move {
                let _permit = permits.acquire().await?;
                request.await?
            })
        })
        .collect();
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        values.push(handle.await??);
    }
    Ok(values)
}
