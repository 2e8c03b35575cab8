//! Wrong: waits on a `Notify`, but first and for one job: `notified().await`, then pop one.
//! `notify_one()` with nobody waiting stores one permit, and permits do not add up: three
//! jobs queued while the worker is busy leave one permit, so the worker takes one more and
//! goes back to waiting with jobs still queued. Caught by `order` and `start` (jobs that
//! never start, or start only when a later push wakes a worker).

use std::sync::Arc;

use tokio::sync::Notify;

use crate::support::{Backlog, BoxFuture, Built, Job, Queue};

struct Shared {
    backlog: Arc<Backlog>,
    ready: Arc<Notify>,
}

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.backlog.push_back(job);
        self.ready.notify_one();
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let ready = Arc::new(Notify::new());
    let bodies = (0..workers)
        .map(|_| {
            let (backlog, ready) = (backlog.clone(), ready.clone());
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    ready.notified().await;
                    if let Some(job) = backlog.pop_front() {
                        job.run().await;
                    }
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Shared {
            backlog: backlog.clone(),
            ready,
        }),
        workers: bodies,
        backlog: Some(backlog),
    }
}
