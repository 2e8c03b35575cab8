//! Wrong: waits on a `Notify` exactly right (registered before the check, the registration
//! dropped before the job), but takes the *newest* job: `pop_back`, the `Vec::pop` of the
//! starter kept. Nothing waits and nothing wakes needlessly; a backlog runs last in, first
//! out. Caught by `order`.

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
                        match backlog.pop_back() {
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
