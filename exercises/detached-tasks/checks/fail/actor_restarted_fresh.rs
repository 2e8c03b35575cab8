//! Wrong: the jobs are right; the actor still unwraps, and a supervisor restarts it whenever it
//! dies. The store answers again, but the caller of the bad write hears `Gone` instead of why,
//! and the restarted actor starts from an empty shelf: every earlier value is lost. Caught by
//! the store test.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::{Mutex, mpsc};
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
    let requests = Arc::new(Mutex::new(requests));
    tokio::spawn(async move {
        // Restart the actor whenever it dies; stop when it ends because every handle is gone.
        while tokio::spawn(serve(Arc::clone(&requests))).await.is_err() {}
    });
    Store::new(commands)
}

async fn serve(requests: Arc<Mutex<mpsc::Receiver<Command>>>) {
    let mut shelf = Shelf::default();
    loop {
        let command = requests.lock().await.recv().await;
        let Some(command) = command else {
            break;
        };
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
