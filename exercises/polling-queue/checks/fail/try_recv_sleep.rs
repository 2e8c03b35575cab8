//! Wrong: a channel, but read with `try_recv()` and a 10 ms sleep whenever it is empty (the
//! receiver shared behind a lock). FIFO, and a backlog is drained without sleeping, but an
//! idle pool still polls: a job waits for the next look, and every worker wakes a hundred
//! times a second. Caught by `start` and `idle`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

use crate::support::{BoxFuture, Built, Job, Queue};

struct Sender(mpsc::UnboundedSender<Job>);

impl Queue for Sender {
    fn push(&self, job: Job) {
        self.0.send(job).expect("the workers hold the receiver");
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    #[expect(
        clippy::disallowed_methods,
        reason = "the starter's `Vec` is unbounded too; bounding the queue is another lesson"
    )]
    let (tx, rx) = mpsc::unbounded_channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let bodies = (0..workers)
        .map(|_| {
            let rx = rx.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    let job = rx.lock().expect("no panic").try_recv();
                    match job {
                        Ok(job) => job.run().await,
                        Err(_empty) => tokio::time::sleep(Duration::from_millis(10)).await,
                    }
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
