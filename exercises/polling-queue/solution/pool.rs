//! The reference fix: a FIFO backlog and a `Notify`, each worker registered as a waiter
//! before it looks at the backlog, and no longer than that look.
//!
//! The producer pushes to the back and calls `notify_one()`. A worker creates and `enable()`s
//! its `notified()` first, then pops from the front; only if there was nothing does it await
//! the notification. A push that lands between the look and the wait finds the worker
//! already registered, so no wake-up is lost; and the registration is dropped before the job
//! runs, so a busy worker never takes a notification meant for an idle one. Nothing wakes
//! while the backlog is empty.

use std::pin::pin;
use std::sync::Arc;

use tokio::sync::Notify;

use crate::support::{Backlog, BoxFuture, Built, Job, Queue};

struct Shared {
    backlog: Arc<Backlog>,
    ready: Arc<Notify>,
}

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.backlog.push_back(job);
        self.ready.notify_one();
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let ready = Arc::new(Notify::new());
    let bodies = (0..workers)
        .map(|_| {
            let (backlog, ready) = (backlog.clone(), ready.clone());
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    let job = {
                        let mut notified = pin!(ready.notified());
                        notified.as_mut().enable();
                        match backlog.pop_front() {
                            Some(job) => job,
                            None => {
                                notified.await;
                                continue;
                            }
                        }
                    };
                    job.run().await;
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Shared {
            backlog: backlog.clone(),
            ready,
        }),
        workers: bodies,
        backlog: Some(backlog),
    }
}
