//! Wrong: the errors are handled inside each task and sent, but the handle is still thrown
//! away (`let _ =`). A panicking job sends nothing and nobody hears of it; a caller that gives
//! up leaves every job running. Caught by both job tests (a panic missing; jobs ran on).

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let (results, mut arrived) = mpsc::channel(jobs.len().max(1));
    for job in jobs {
        let results = results.clone();
        let ledger = Arc::clone(&ledger);
        let _ = tokio::spawn(async move {
            let outcome = match job.run(&ledger).await {
                Ok(value) => Outcome::Done(value),
                Err(error) => Outcome::Failed(error),
            };
            let _ = results.send((job.id, outcome)).await;
        });
    }
    drop(results);
    let mut report = Report::default();
    while let Some((id, outcome)) = arrived.recv().await {
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
