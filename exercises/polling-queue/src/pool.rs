//! A pool of workers that take jobs from a shared queue and run them.
//!
//! The producer pushes jobs onto a shared `Vec`; each worker sleeps 100 ms, locks the `Vec`
//! and pops a job if there is one. Every job runs, but the tests say it is not good enough:
//! a job queued to an idle pool must start at once (zero delay on the paused clock), jobs
//! must start in the order they were queued, and workers must not wake up while the queue
//! is empty. Change how the workers wait for jobs (and anything else in this file).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{BoxFuture, Built, Job, Queue};

/// The shared `Vec` of jobs.
struct Shared(Arc<Mutex<Vec<Job>>>);

impl Queue for Shared {
    fn push(&self, job: Job) {
        self.0.lock().expect("no panic").push(job);
    }
}

/// The queue and `workers` worker bodies.
pub fn build(workers: usize) -> Built {
    let jobs = Arc::new(Mutex::new(Vec::<Job>::new()));
    let bodies = (0..workers)
        .map(|_| {
            let jobs = jobs.clone();
            let body: BoxFuture<'static, ()> = Box::pin(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(100)).await;
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
