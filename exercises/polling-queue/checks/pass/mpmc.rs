//! Right: an MPMC channel (`async-channel`), one receiver cloned into every worker. The
//! channel keeps the waiting receivers and hands each job to one of them, in the order jobs
//! were sent; nothing wakes while it is empty. No `Backlog`, so the tests' gap is not there
//! to be hit: a channel checks and registers under one lock.

use std::sync::Arc;

use crate::support::{BoxFuture, Built, Job, Queue};

struct Sender(async_channel::Sender<Job>);

impl Queue for Sender {
    fn push(&self, job: Job) {
        self.0.try_send(job).expect("unbounded, and the workers hold receivers");
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    let (tx, rx) = async_channel::unbounded::<Job>();
    let bodies = (0..workers)
        .map(|_| {
            let rx = rx.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                while let Ok(job) = rx.recv().await {
                    job.run().await;
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Sender(tx)),
        workers: bodies,
        backlog: None,
    }
}
