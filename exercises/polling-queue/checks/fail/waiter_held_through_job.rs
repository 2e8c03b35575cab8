//! Wrong: the `notified()` enabled before the check, as it should be, but kept alive while
//! the job runs. A busy worker is then still on the `Notify`'s list of waiters, first in
//! line, and the `notify_one()` of the next job goes to it while an idle worker sleeps on:
//! the job waits for the busy worker to finish. Caught by `start` (a job queued when one
//! worker is back from its job and the other still busy waits) and `order` (jobs start later
//! than an ideal pool would start them).

use std::pin::pin;
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
                    let mut notified = pin!(ready.notified());
                    notified.as_mut().enable();
                    if let Some(job) = backlog.pop_front() {
                        job.run().await;
                        continue;
                    }
                    notified.await;
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
