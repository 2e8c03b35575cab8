//! Wrong: "fail fast". Every end is seen, panics included, but `run_jobs` returns at the
//! first job that fails or panics, and dropping the set aborts the rest: their outcomes are
//! never known. Caught by the outcome test (the later jobs missing).

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
        match joined {
            Ok((task, Ok(value))) => report.record(job_of[&task], Outcome::Done(value)),
            Ok((task, Err(error))) => {
                report.record(job_of[&task], Outcome::Failed(error));
                return report;
            }
            Err(err) => {
                let id = job_of[&err.id()];
                report.record(id, Outcome::Panicked(panic_message(&*err.into_panic())));
                return report;
            }
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
