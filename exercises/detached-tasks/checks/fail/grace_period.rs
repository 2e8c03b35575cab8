//! Wrong: detached jobs record their outcome (errors too) into a shared report, and
//! `run_jobs` gives them a grace period before it reads it. The jobs longer than the grace
//! are missing, and run on after the report; panics are missing whatever the grace. Caught
//! by both job tests.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let report = Arc::new(Mutex::new(Report::default()));
    for job in jobs {
        let report = Arc::clone(&report);
        let ledger = Arc::clone(&ledger);
        tokio::spawn(async move {
            let outcome = match job.run(&ledger).await {
                Ok(value) => Outcome::Done(value),
                Err(error) => Outcome::Failed(error),
            };
            report.lock().unwrap().record(job.id, outcome);
        });
    }
    // "Jobs take a few tens of milliseconds."
    tokio::time::sleep(Duration::from_millis(45)).await;
    let report = report.lock().unwrap().clone();
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
