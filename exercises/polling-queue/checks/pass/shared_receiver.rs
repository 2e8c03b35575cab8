//! Right: Tokio's `mpsc`, its one receiver shared behind a Tokio `Mutex`. The idle workers
//! queue on the mutex (it is fair), the one at the head awaits `recv()` with the guard held,
//! and drops the guard before it runs the job it got, so the next idle worker moves up.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};

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
                    let job = rx.lock().await.recv().await;
                    let Some(job) = job else { return };
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
