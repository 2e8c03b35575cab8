//! Right, and shaped unlike the reference: no handles at all. A `TaskTracker` waits for every
//! job; each job catches its own panic and sends its outcome on a channel; a
//! `CancellationToken` raced against every job is cancelled by its drop guard when `run_jobs`
//! is dropped. The actor replies with whatever the shelf said, in a `loop`/`let else`.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::support::{Command, Job, Ledger, Outcome, Report, Shelf, Store, panic_message};

/// Runs every job concurrently and reports how each one ended.
pub async fn run_jobs(jobs: Vec<Job>, ledger: Arc<Ledger>) -> Report {
    let tracker = TaskTracker::new();
    let token = CancellationToken::new();
    let _stop_on_drop = token.clone().drop_guard();
    let (outcomes, mut sent) = mpsc::channel(jobs.len().max(1));
    for job in jobs {
        let (outcomes, token, ledger) = (outcomes.clone(), token.clone(), Arc::clone(&ledger));
        tracker.spawn(async move {
            let work = AssertUnwindSafe(job.run(&ledger)).catch_unwind();
            if let Some(ended) = token.run_until_cancelled(work).await {
                let outcome = match ended {
                    Ok(Ok(value)) => Outcome::Done(value),
                    Ok(Err(error)) => Outcome::Failed(error),
                    Err(payload) => Outcome::Panicked(panic_message(&*payload)),
                };
                let _ = outcomes.send((job.id, outcome)).await;
            }
        });
    }
    tracker.close();
    tracker.wait().await;
    drop(outcomes);
    let mut report = Report::default();
    while let Some((id, outcome)) = sent.recv().await {
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
    loop {
        let Some(command) = requests.recv().await else {
            break;
        };
        match command {
            Command::Put { key, value, reply } => {
                reply.send(shelf.put(key, value)).ok();
            }
            Command::Get { key, reply } => {
                reply.send(shelf.get(&key)).ok();
            }
        }
    }
}
