//! Wrong, and the closest: every handle kept in a `Vec` and awaited, every outcome right. But
//! a dropped `JoinHandle` detaches its task: when the caller gives up on `run_jobs`, the `Vec`
//! is dropped and every job still running goes on alone. Caught by the give-up test.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store, panic_message};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let ledger = Arc::clone(&ledger);
            (job.id, tokio::spawn(async move { job.run(&ledger).await }))
        })
        .collect();
    let mut report = Report::default();
    for (id, handle) in handles {
        let outcome = match handle.await {
            Ok(Ok(value)) => Outcome::Done(value),
            Ok(Err(error)) => Outcome::Failed(error),
            Err(err) => Outcome::Panicked(panic_message(&*err.into_panic())),
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
