//! Wrong: the interval cut to 1 ms and the `Vec` swapped for a FIFO popped from the front.
//! Order is right, and the wait is a hundred times shorter, but a job still waits for the next
//! tick, and every worker now wakes a thousand times a second to find nothing. Caught by
//! `start` (a job queued to an idle pool waits 1 ms) and `idle` (1 000 wake-ups a second).

use std::sync::Arc;
use std::time::Duration;

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
                    tokio::time::sleep(Duration::from_millis(1)).await;
                    while let Some(job) = backlog.pop_front() {
                        job.run().await;
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
