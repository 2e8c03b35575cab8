//! A wrong fix: a `Notify`, with `notified()` created after the check.
//!
//! It reads as the fix: a `VecDeque`, a `Notify`, no timer. The producer pushes and calls
//! `notify_waiters()` ("wake the idle workers"); a worker pops, and when the queue is empty
//! calls `notified().await`. But `notify_waiters()` wakes only the futures that exist and are
//! registered when it is called, and keeps no permit. Between the worker's check ("empty")
//! and the creation of its `notified()` there is a gap: a job pushed there is announced to
//! nobody, and the worker goes to sleep beside it. It stays there until some later push
//! wakes a worker; if none comes, forever. On a multi-thread runtime the gap is a few
//! instructions wide and is hit now and then; the tests hit it every time, by pushing from
//! inside it ([`crate::contract::Backlog::interleave`]).

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
        self.ready.notify_waiters();
    }
}

/// `workers` workers taking jobs from one `VecDeque`, told of new ones too late.
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let ready = Arc::new(Notify::new());
    let bodies = (0..workers)
        .map(|_| {
            let (backlog, ready) = (backlog.clone(), ready.clone());
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    if let Some(job) = backlog.pop_front() {
                        job.run().await;
                        continue;
                    }
                    // The gap: a push that lands here notifies nobody.
                    ready.notified().await;
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
