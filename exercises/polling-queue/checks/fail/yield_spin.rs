//! Wrong: no timer at all, a `yield_now()` between looks. A job would start on the next turn
//! of the scheduler, but the workers never stop running: an idle pool is a busy loop that
//! keeps a core at 100%, and on the paused clock the runtime is never idle, so time cannot
//! move. The tests' harness stops a worker after `RUNAWAY_POLLS` polls; then nothing runs
//! the jobs. Caught by every test.

use std::sync::Arc;

use crate::support::{Backlog, BoxFuture, Built, Job, Queue};

struct Shared(Arc<Backlog>);

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.0.push_back(job);
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let bodies = (0..workers)
        .map(|_| {
            let backlog = backlog.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    match backlog.pop_front() {
                        Some(job) => job.run().await,
                        None => tokio::task::yield_now().await,
                    }
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Shared(backlog.clone())),
        workers: bodies,
        backlog: Some(backlog),
    }
}
