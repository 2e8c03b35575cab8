//! Wrong: the seed's loop tidied up: a `tokio::time::interval` of 100 ms instead of a fresh
//! sleep, a FIFO popped from the front, and every job drained at each tick. Order is right
//! and a burst no longer trickles out one job per tick, but a job queued to an idle pool
//! still waits for the next tick, and workers wake ten times a second. Caught by `start` and
//! `idle`.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::MissedTickBehavior;

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
                let mut tick = tokio::time::interval(Duration::from_millis(100));
                tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
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
