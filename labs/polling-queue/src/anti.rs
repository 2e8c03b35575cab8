//! The anti-pattern: workers that wake on a timer to look at a shared `Vec`.
//!
//! The queue is an `Arc<Mutex<Vec<Job>>>`; the producer pushes onto it and every worker, in a
//! loop, sleeps 100 ms, locks it and pops a job if there is one. It works, and it costs three
//! ways. A job queued just after a worker looked waits for that worker's next tick: up to
//! 100 ms of latency added to every job, for nothing. `Vec::pop` takes the *newest* job, so
//! under a backlog the queue runs last-in, first-out and the oldest job waits longest. And an
//! idle pool is not idle: every worker wakes ten times a second to find nothing, each wake-up
//! a timer, a poll and a lock. A worker also takes one job per tick, so the pool's
//! throughput is capped at ten jobs a second per worker, however short the jobs are.
//!
//! The lock is std's here (the seed's is Tokio's, held for the same instant): the lesson is
//! the timer, not the lock.

use std::sync::{Arc, Mutex};

use crate::contract::{Built, Job, POLL_INTERVAL, Queue};

/// The shared `Vec`.
struct Shared(Arc<Mutex<Vec<Job>>>);

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.0.lock().expect("no panic").push(job);
    }
}

/// `workers` workers polling one `Vec` every [`POLL_INTERVAL`].
pub fn build(workers: usize) -> Built {
    let jobs = Arc::new(Mutex::new(Vec::<Job>::new()));
    let bodies = (0..workers)
        .map(|_| {
            let jobs = jobs.clone();
            let body: crate::contract::BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    tokio::time::sleep(POLL_INTERVAL).await;
                    // `pop` takes the last job pushed: LIFO.
                    let job = jobs.lock().expect("no panic").pop();
                    if let Some(job) = job {
                        job.run().await;
                    }
                }
            });
            body
        })
        .collect();
    Built {
        queue: Arc::new(Shared(jobs)),
        workers: bodies,
        backlog: None,
    }
}
