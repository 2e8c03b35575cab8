//! The first fix people reach for, and a wrong one: poll every millisecond, from the front.
//!
//! A `VecDeque` popped from the front makes the order FIFO, and a 1 ms interval cuts the
//! added latency a hundredfold. It does not remove it (a job still waits for the next tick,
//! up to a millisecond), and it multiplies the idle cost by a hundred: every worker now wakes
//! a thousand times a second to find nothing.

use std::sync::Arc;
use std::time::Duration;

use crate::contract::{Backlog, BoxFuture, Built, Job, Queue};

/// The interval: a hundred times shorter than the anti-pattern's.
pub const FAST_INTERVAL: Duration = Duration::from_millis(1);

struct Shared(Arc<Backlog>);

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.0.push_back(job);
    }
}

/// `workers` workers polling one `VecDeque` every [`FAST_INTERVAL`].
pub fn build(workers: usize) -> Built {
    let backlog = Arc::new(Backlog::default());
    let bodies = (0..workers)
        .map(|_| {
            let backlog = backlog.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    tokio::time::sleep(FAST_INTERVAL).await;
                    // Everything that is there, oldest first, before the next sleep.
                    while let Some(job) = backlog.pop_front() {
                        job.run().await;
                    }
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Shared(backlog.clone())),
        workers: bodies,
        backlog: Some(backlog),
    }
}
