//! Right: the reference's shape with `notify_waiters()`: every idle worker is woken by a
//! push, one gets the job and the others find the backlog empty and wait again. Each waiter is
//! registered (`enable()`) before its check, so a push in the gap reaches it, and nothing
//! wakes while the backlog stays empty. It wakes more workers than it needs under load, which
//! the tests do not forbid: the lesson is idle wake-ups and lost ones.

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
        self.ready.notify_waiters();
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
