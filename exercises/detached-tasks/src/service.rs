//! A service runs batches of background jobs and reports how each one went; it also keeps a
//! store, an actor that owns a shelf of write-once values. It works on every day that goes
//! well. Yet the reports are sometimes short, with no error anywhere; jobs keep running after
//! the caller has given up on a batch; and once in a while the store stops answering anyone,
//! for good. Make `run_jobs` report every job's outcome (value, error or panic) and leave no
//! job running once it is gone, and make the store survive a bad request. Run `cargo
//! workshop` to see what the tests expect.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::support::{Command, Job, JobError, Ledger, Outcome, Report, Shelf, Store};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let (results, mut arrived) = mpsc::channel(jobs.len().max(1));
    for job in jobs {
        let results = results.clone();
        let ledger = Arc::clone(&ledger);
        tokio::spawn(async move {
            let value = job.run(&ledger).await?;
            let _ = results.send((job.id, value)).await;
            Ok::<(), JobError>(())
        });
    }
    drop(results);
    let mut report = Report::default();
    while let Some((id, value)) = arrived.recv().await {
        report.record(id, Outcome::Done(value));
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
                shelf.put(key, value).unwrap();
                let _ = reply.send(Ok(()));
            }
            Command::Get { key, reply } => {
                let _ = reply.send(shelf.get(&key));
            }
        }
    }
}
