//! The reference fix: a `VecDeque` and a `Notify`, the waiter enabled before the check.
//!
//! The producer pushes to the back and calls `notify_one()`; a worker takes from the front,
//! and when there is nothing, waits on the `Notify` instead of a timer. The pool then does
//! nothing at all while the queue is empty, and a job is started the moment it is queued, in
//! the order it was queued.
//!
//! The one subtle line is the order of "check" and "wait". A worker must register as a
//! waiter *before* it looks at the queue: `notified()` is created and `enable()`d first, then
//! the queue is checked, then the future is awaited. A job pushed between the check and the
//! wait then finds the worker already registered, and its `notify_one()` wakes it. The other
//! order has a gap in which a push can land and its notification reach nobody (see
//! [`crate::late_notify`]). And the registration must end before the job runs: a `Notified`
//! still alive during a job stays in the list of waiters, and a `notify_one()` for the next
//! job goes to it (waiters are served oldest first) while an idle worker sleeps on. This
//! lab's first draft of this file made that mistake; the proptest in `tests/schedules.rs`
//! found it (two workers, a third job queued while one of them was busy).

use std::pin::pin;
use std::sync::Arc;

use tokio::sync::Notify;

use crate::contract::{Backlog, BoxFuture, Built, Job, Queue};

struct Shared {
    backlog: Arc<Backlog>,
    ready: Arc<Notify>,
}

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.backlog.push_back(job);
        // One job, one worker: wakes a waiting worker, or leaves a permit for the next one.
        self.ready.notify_one();
    }
}

/// `workers` workers taking jobs from one `VecDeque`, woken by a `Notify`.
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let ready = Arc::new(Notify::new());
    let bodies = (0..workers)
        .map(|_| {
            let (backlog, ready) = (backlog.clone(), ready.clone());
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    let job = {
                        // Register first: from here on a `notify_one()` reaches this worker.
                        let mut notified = pin!(ready.notified());
                        notified.as_mut().enable();
                        match backlog.pop_front() {
                            Some(job) => job,
                            None => {
                                notified.await;
                                continue;
                            }
                        }
                        // The registration ends here, before the job runs: a waiter kept
                        // alive through a job would take a `notify_one()` meant for an idle
                        // worker and sit on it until the job is done.
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
