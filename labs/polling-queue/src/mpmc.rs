//! A fix with an MPMC channel: `async-channel`, one receiver cloned into every worker.
//!
//! A multi-consumer channel is the queue a worker pool wants: each worker awaits `recv()` on
//! its own clone, the channel keeps the waiting receivers in a list and hands each job to one
//! of them, in the order jobs were sent. No mutex, no timer, nothing awake while it is empty.
//! It is a dependency (the `async-channel` crate, from the smol project, widely used and
//! runtime-agnostic); Tokio has no MPMC channel of its own.

use std::sync::Arc;

use crate::contract::{BoxFuture, Built, Job, Queue};

struct Sender(async_channel::Sender<Job>);

impl Queue for Sender {
    fn push(&self, job: Job) {
        self.0
            .try_send(job)
            .expect("unbounded, and the workers hold receivers as long as the pool lives");
    }
}

/// `workers` workers, each with a clone of one `async-channel` receiver.
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
