//! The reference fix: the jobs go into a `JoinSet` that `run_jobs` joins to the last, and the
//! store actor sends a refused `put` back to its caller instead of unwrapping it.
//!
//! The set hands back every task's end: `Ok(value)`, `Ok(Err(error))`, or a `JoinError` for a
//! panic, whose task id leads back to the job. Dropped half-way by a caller, the set aborts
//! every task still in it. The actor's error is its caller's business; the actor loops on.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store, panic_message};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let mut set = JoinSet::new();
    let mut job_of = HashMap::new();
    for job in jobs {
        let ledger = Arc::clone(&ledger);
        let task = set.spawn(async move { job.run(&ledger).await });
        job_of.insert(task.id(), job.id);
    }
    let mut report = Report::default();
    while let Some(joined) = set.join_next_with_id().await {
        let (task, outcome) = match joined {
            Ok((task, Ok(value))) => (task, Outcome::Done(value)),
            Ok((task, Err(error))) => (task, Outcome::Failed(error)),
            Err(err) => (
                err.id(),
                Outcome::Panicked(if err.is_panic() {
                    panic_message(&*err.into_panic())
                } else {
                    err.to_string()
                }),
            ),
        };
        report.record(job_of[&task], outcome);
    }
    report
}

/// Starts the store actor on an empty shelf and returns the callers' handle.
pub fn spawn_store() -> Store {
    let (commands, requests) = mpsc::channel(16);
    // No handle kept: `serve` neither fails nor panics now, and ends with the last `Store`.
    tokio::spawn(serve(requests));
    Store::new(commands)
}

async fn serve(mut requests: mpsc::Receiver<Command>) {
    let mut shelf = Shelf::default();
    while let Some(command) = requests.recv().await {
        match command {
            Command::Put { key, value, reply } => {
                let _ = reply.send(shelf.put(key, value));
            }
            Command::Get { key, reply } => {
                let _ = reply.send(shelf.get(&key));
            }
        }
    }
}
