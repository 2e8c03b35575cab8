//! Wrong: a `JoinSet`, joined, but only the tasks that returned are looked at (`if let
//! Ok`): a panicked task's `JoinError` is skipped, and its job is missing from the report.
//! Caught by the outcome test.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let mut set = JoinSet::new();
    for job in jobs {
        let ledger = Arc::clone(&ledger);
        set.spawn(async move { (job.id, job.run(&ledger).await) });
    }
    let mut report = Report::default();
    while let Some(joined) = set.join_next().await {
        if let Ok((id, result)) = joined {
            let outcome = match result {
                Ok(value) => Outcome::Done(value),
                Err(error) => Outcome::Failed(error),
            };
            report.record(id, outcome);
        }
    }
    report
}

/// Starts the store actor on an empty shelf and returns the callers' handle.
pub fn spawn_store() -> Store {
    let (commands, requests) = mpsc::channel(16);
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
