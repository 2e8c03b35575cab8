//! Wrong: a `Notify`, with `notified()` created after the check. The producer pushes and calls
//! `notify_waiters()`; a worker that finds the backlog empty then creates its `notified()`
//! and waits. A push between the check and the creation reaches no registered waiter, and
//! `notify_waiters()` keeps no permit: the worker sleeps beside the job. Everything else is
//! right. Caught by `start` (the job pushed in that gap never starts).

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
        self.ready.notify_waiters();
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
                    if let Some(job) = backlog.pop_front() {
                        job.run().await;
                        continue;
                    }
                    ready.notified().await;
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
