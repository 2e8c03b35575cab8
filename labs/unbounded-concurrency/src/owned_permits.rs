//! A fix with spawned tasks and a semaphore: the permit taken *before* the spawn, and moved in.
//!
//! `acquire_owned()` on an `Arc<Semaphore>` returns a permit that is not borrowed from the
//! semaphore, so it can move into the task and be dropped when the task ends. The loop awaits
//! the permit before it spawns, so it never has more than `k` tasks alive, not merely `k`
//! requests: a permit taken inside the task would cap the requests but still spawn all `N`
//! tasks up front (`N` waiters queued on the semaphore, each with its future in memory).

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::contract::{Answers, Bounds, Fetcher};

/// Takes a permit, then spawns the fetch holding it until the fetch is done.
pub async fn fetch_all(fetcher: &Fetcher, ids: Vec<u64>, bounds: Bounds) -> Answers {
    let permits = Arc::new(Semaphore::new(bounds.in_flight.max(1)));
    let mut handles = Vec::with_capacity(ids.len());
    for id in ids {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .expect("the semaphore is never closed");
        let fetch = fetcher.fetch(id);
        handles.push(tokio::spawn(async move {
            let answer = fetch.await;
            // Released here, when the request is over, not a line earlier.
            drop(permit);
            answer
        }));
    }
    let mut answers = Vec::with_capacity(handles.len());
    for handle in handles {
        answers.push(handle.await??);
    }
    Ok(answers)
}
