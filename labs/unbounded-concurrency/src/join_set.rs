//! A fix with spawned tasks: a `JoinSet` kept at most `k` long.
//!
//! For work that must run on tasks of its own (to use both workers of a multi-thread runtime,
//! or to be aborted as a group), spawn into a `JoinSet`, and before each spawn wait for one
//! task to finish while the set is full. The set also aborts whatever is left if the job is
//! dropped half-way, which a `Vec` of `JoinHandle`s does not.

use tokio::task::JoinSet;

use crate::contract::{Answers, Bounds, Fetcher};

/// Spawns each fetch, waiting for one to end whenever `bounds.in_flight` are running.
pub async fn fetch_all(fetcher: &Fetcher, ids: Vec<u64>, bounds: Bounds) -> Answers {
    let cap = bounds.in_flight.max(1);
    let mut running = JoinSet::new();
    let mut answers = Vec::with_capacity(ids.len());
    for id in ids {
        // `>=`, not `>`: with `cap` running, the next spawn would be one too many.
        while running.len() >= cap {
            let done = running.join_next().await.expect("the set is not empty");
            answers.push(done??);
        }
        running.spawn(fetcher.fetch(id));
    }
    while let Some(done) = running.join_next().await {
        answers.push(done??);
    }
    Ok(answers)
}
