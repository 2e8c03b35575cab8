//! Right: `MAX_IN_FLIGHT` workers, each taking the next id from a shared queue until it is
//! empty (a std `Mutex`, held only to pop, never across an await).

use std::sync::{Arc, Mutex};

use crate::api::{Api, MAX_IN_FLIGHT};

/// Fetches every id's item; their values in any order, or the first error.
pub async fn fetch_all(api: &Api, ids: Vec<u64>) -> anyhow::Result<Vec<u64>> {
    let queue = Arc::new(Mutex::new(ids.into_iter()));
    let workers: Vec<_> = (0..MAX_IN_FLIGHT)
        .map(|_| {
            let (queue, api) = (Arc::clone(&queue), api.clone());
            tokio::spawn(async move {
                let mut values = Vec::new();
                loop {
                    let next = queue.lock().expect("no holder panics").next();
                    let Some(id) = next else { break };
                    values.push(api.item(id).await?);
                }
                anyhow::Ok(values)
            })
        })
        .collect();
    let mut values = Vec::new();
    for worker in workers {
        values.extend(worker.await??);
    }
    Ok(values)
}
