//! Wrong: `let _ = ...acquire()` drops the permit on the spot (`_` binds nothing), so every
//! task gets one, gives it back, and sends. Caught by
//! `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| {
            let (permits, request) = (Arc::clone(&permits), api.item(id));
            tokio::spawn(async move {
                let _ = permits.acquire().await?;
                request.await
            })
        })
        .collect();
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        values.push(handle.await??);
    }
    Ok(values)
}
