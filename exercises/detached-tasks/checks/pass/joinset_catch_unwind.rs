//! Right: a `JoinSet` (joined to the last, aborting on drop) whose tasks each catch their own
//! panic, so every task returns its job's id with its outcome and no task-id map is needed.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store, panic_message};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let mut set = JoinSet::new();
    for job in jobs {
        let ledger = Arc::clone(&ledger);
        // Each task catches its own panic, so its id comes back with every outcome.
        set.spawn(async move {
            let ended = AssertUnwindSafe(job.run(&ledger)).catch_unwind().await;
            let outcome = match ended {
                Ok(Ok(value)) => Outcome::Done(value),
                Ok(Err(error)) => Outcome::Failed(error),
                Err(payload) => Outcome::Panicked(panic_message(&*payload)),
            };
            (job.id, outcome)
        });
    }
    let mut report = Report::default();
    while let Some(joined) = set.join_next().await {
        let (id, outcome) = joined.expect("each task catches its own panic");
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
