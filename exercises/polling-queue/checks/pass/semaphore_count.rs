//! Right: a `Semaphore` counting the jobs in the backlog. A push adds one permit; a worker
//! acquires one (waiting, in line, while there are none), forgets it, and pops: a permit
//! stands for exactly one queued job, so a job is never without a worker told of it, and no
//! wake-up can be lost in any gap (the count is the state, not a signal).

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::support::{Backlog, BoxFuture, Built, Job, Queue};

struct Shared {
    backlog: Arc<Backlog>,
    queued: Arc<Semaphore>,
}

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.backlog.push_back(job);
        self.queued.add_permits(1);
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let queued = Arc::new(Semaphore::new(0));
    let bodies = (0..workers)
        .map(|_| {
            let (backlog, queued) = (backlog.clone(), queued.clone());
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    let Ok(permit) = queued.acquire().await else {
                        return;
                    };
                    permit.forget();
                    let job = backlog
                        .pop_front()
                        .expect("a permit per queued job, one taken per pop");
                    job.run().await;
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Shared {
            backlog: backlog.clone(),
            queued,
        }),
        workers: bodies,
        backlog: Some(backlog),
    }
}
