//! The mixed load: many tasks reading and writing the store at once, as an app's UI queries
//! and a background sync would.
//!
//! Each task makes the same number of operations, one write to every three reads, and
//! records how long each took and how each failed. A failure is never retried: a store that
//! answers `SQLITE_BUSY` ("database is locked") under this load is the finding.

use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::task::JoinSet;

use crate::contract::Store;

/// One write to every this many operations.
pub const WRITE_EVERY: u64 = 4;

/// What one run of the load did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    /// Operations that succeeded.
    pub done: u64,
    /// Operations that failed with `SQLITE_BUSY` (the lock was still held when the busy
    /// timeout ran out).
    pub busy: u64,
    /// Operations that failed otherwise.
    pub other_errors: u64,
    /// Every operation's latency, sorted.
    pub latencies: Vec<Duration>,
}

impl Outcome {
    /// The latency below which `share` of the operations finished.
    pub fn percentile(&self, share: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((self.latencies.len() - 1) as f64 * share).round() as usize;
        self.latencies[rank]
    }
}

/// Runs `tasks` tasks of `ops` operations each on `store`; ids start at `first_id` so that
/// runs on one file never collide.
pub async fn run(store: &Store, tasks: u64, ops: u64, first_id: i64) -> Outcome {
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let store = store.clone();
        set.spawn(async move {
            let mut outcome = Outcome::default();
            for op in 0..ops {
                let id = first_id + (task * ops + op) as i64;
                let started = Instant::now();
                let result = if op % WRITE_EVERY == 0 {
                    store.insert(id).await
                } else {
                    // The row a few operations back: written already, or not yet (both fine).
                    store.subject(id - 1).await.map(|_| ())
                };
                outcome.latencies.push(started.elapsed());
                match result {
                    Ok(()) => outcome.done += 1,
                    Err(err) if is_busy(&err) => outcome.busy += 1,
                    Err(_) => outcome.other_errors += 1,
                }
            }
            outcome
        });
    }
    let mut total = Outcome::default();
    while let Some(joined) = set.join_next().await {
        let part = joined.expect("a load task never panics");
        total.done += part.done;
        total.busy += part.busy;
        total.other_errors += part.other_errors;
        total.latencies.extend(part.latencies);
    }
    total.latencies.sort();
    total
}

/// Whether `err` is SQLite's "database is locked" (`SQLITE_BUSY`, code 5).
pub fn is_busy(err: &sqlx::Error) -> bool {
    match err {
        // Extended codes keep the primary code in their low byte (`SQLITE_BUSY_SNAPSHOT` is 517).
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == 5),
        _ => false,
    }
}
