//! The sync job: `requests` GETs, at most `concurrency` of them in flight at once.
//!
//! It is written once, for every variant: `concurrency` worker tasks take the next item
//! number from a shared counter until there are none left, each fetching one item at a time.
//! So at most `concurrency` requests are ever in flight, and a client that reuses connections
//! needs at most `concurrency` of them, however many requests the job makes.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::task::JoinSet;

use crate::contract::ApiClient;

/// How much work one run of the job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// GETs in all.
    pub requests: usize,
    /// Most GETs in flight at once (at least 1).
    pub concurrency: usize,
}

/// Runs `job` through `client` against the server at `base` (`http://127.0.0.1:<port>/`);
/// returns the bytes of body read, or the first error.
pub async fn run(client: Arc<dyn ApiClient>, base: &str, job: Job) -> anyhow::Result<usize> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    for _ in 0..job.concurrency.max(1) {
        let (client, next, base) = (Arc::clone(&client), Arc::clone(&next), base.to_string());
        workers.spawn(async move {
            let mut bytes = 0;
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= job.requests {
                    return anyhow::Ok(bytes);
                }
                bytes += client.fetch(&format!("{base}items/{n}")).await?;
            }
        });
    }
    let mut bytes = 0;
    while let Some(worker) = workers.join_next().await {
        bytes += worker??;
    }
    Ok(bytes)
}
