//! A fix with a plain Tokio channel: one `mpsc` receiver, shared behind a Tokio `Mutex`.
//!
//! `tokio::sync::mpsc` has one receiver, so the workers share it: each locks the mutex and
//! awaits `recv()` with the guard held. That is the one place in this lab where holding a
//! lock across an `.await` is the point: the mutex is the line the idle workers wait in (Tokio's
//! mutex is fair, first come first served), and the worker at its head waits in `recv()`.
//! A job wakes exactly that worker, which drops the guard before running the job, so the next
//! idle worker moves up. Nothing wakes while the channel is empty; order is the channel's,
//! FIFO. What it costs over an MPMC channel is the mutex: a second hand-off per job when
//! workers are idle (the head's guard, released, wakes the next in line).

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc};

use crate::contract::{BoxFuture, Built, Job, Queue};

struct Sender(mpsc::UnboundedSender<Job>);

impl Queue for Sender {
    fn push(&self, job: Job) {
        self.0
            .send(job)
            .expect("the workers hold the receiver as long as the pool lives");
    }
}

/// `workers` workers sharing one `mpsc` receiver.
pub fn build(workers: usize) -> Built {
    #[expect(
        clippy::disallowed_methods,
        reason = "every queue of this lab is unbounded, the `Vec` and `VecDeque` ones too, so \
                  that they differ only in how workers wait; bounding a queue is the \
                  unbounded-channels lab's lesson"
    )]
    let (tx, rx) = mpsc::unbounded_channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let bodies = (0..workers)
        .map(|_| {
            let rx = rx.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    // The guard lives only for this statement: the job runs without it.
                    let job = rx.lock().await.recv().await;
                    match job {
                        Some(job) => job.run().await,
                        None => return,
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
