//! Wrong: no tasks at all, every job a future of one `join_all`, each `Result` matched: errors
//! are isolated, but a panic unwinds out of `join_all` and out of `run_jobs`, and the whole
//! report is gone. Caught by the outcome test (`run_jobs` itself panicked).

use std::sync::Arc;

use futures_util::future::join_all;
use tokio::sync::mpsc;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let ledger = &ledger;
    let branches = jobs
        .into_iter()
        .map(|job| async move { (job.id, job.run(ledger).await) });
    let mut report = Report::default();
    for (id, result) in join_all(branches).await {
        let outcome = match result {
            Ok(value) => Outcome::Done(value),
            Err(error) => Outcome::Failed(error),
        };
        report.record(id, outcome);
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
