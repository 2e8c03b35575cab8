//! Wrong: a channel, so nothing polls and order is FIFO, but Tokio's `mpsc` has one receiver
//! and it went to the first worker; the others wait forever on nothing. Idle jobs start at
//! once, in order; a burst runs one job at a time. Caught by `start` (a job waits while a
//! worker is idle) and `order` (jobs start later than a pool of that size would start them).

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;

use crate::support::{BoxFuture, Built, Job, Queue};

struct Sender(mpsc::UnboundedSender<Job>);

impl Queue for Sender {
    fn push(&self, job: Job) {
        self.0.send(job).expect("the first worker lives");
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    #[expect(
        clippy::disallowed_methods,
        reason = "the starter's `Vec` is unbounded too; bounding the queue is another lesson"
    )]
    let (tx, rx) = mpsc::unbounded_channel::<Job>();
    let rx = Arc::new(Mutex::new(Some(rx)));
    let bodies = (0..workers)
        .map(|_| {
            let rx = rx.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                // Whoever comes first takes the receiver; the rest have nothing to wait on.
                let Some(mut rx) = rx.lock().expect("no panic").take() else {
                    return std::future::pending().await;
                };
                while let Some(job) = rx.recv().await {
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
