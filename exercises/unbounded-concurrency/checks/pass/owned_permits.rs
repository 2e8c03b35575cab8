//! Right: an owned permit acquired before each spawn, moved into the task, dropped with it.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let permits = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut handles = Vec::with_capacity(ids.len());
    for id in ids {
        let permit = Arc::clone(&permits).acquire_owned().await?;
        let request = api.item(id);
        handles.push(tokio::spawn(async move {
            let value = request.await;
            drop(permit);
            value
        }));
    }
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        values.push(handle.await??);
    }
    Ok(values)
}
