//! Wrong: every task makes its own `Semaphore::new(MAX_IN_FLIGHT)`, so each has eight permits
//! to itself and no task ever waits for another. Caught by
//! `the_server_never_has_more_than_the_cap_in_flight_whatever_the_size`.

use tokio::sync::Semaphore;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| {
            let request = api.item(id);
            tokio::spawn(async move {
                let permits = Semaphore::new(MAX_IN_FLIGHT);
                let _permit = permits.acquire().await?;
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
