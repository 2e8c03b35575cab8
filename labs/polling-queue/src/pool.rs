//! Runs a variant's workers and keeps the record the tests, the bench and the probe read.
//!
//! [`Pool::start`] spawns one task per worker body, on the current runtime, each wrapped in a
//! counter of its polls: a task is polled once when it starts and once per wake-up after
//! that, so the count minus one is how many times the worker woke. The pool aborts its
//! workers when dropped.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::contract::{Backlog, Built, Log, Queue};
use crate::variants::Variant;

/// A running pool of workers of one variant.
pub struct Pool {
    queue: Arc<dyn Queue>,
    backlog: Option<Arc<Backlog>>,
    log: Arc<Log>,
    tasks: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Spawns `workers` workers of `variant` on the current runtime.
    pub fn start(variant: Variant, workers: usize) -> Pool {
        Pool::from_built(variant.build(workers))
    }

    /// Spawns the workers of any [`Built`] (the tests' hand-written ones too).
    pub fn from_built(built: Built) -> Pool {
        let log = Arc::new(Log::default());
        log.add_workers(built.workers.len());
        let tasks = built
            .workers
            .into_iter()
            .enumerate()
            .map(|(index, body)| {
                let task = tokio::spawn(Counted {
                    index,
                    log: log.clone(),
                    body,
                });
                log.set_worker(index, task.id());
                task
            })
            .collect();
        Pool {
            queue: built.queue,
            backlog: built.backlog,
            log,
            tasks,
        }
    }

    /// Queues a job that works for `work`, now; returns its id.
    pub fn push(&self, work: Duration) -> u64 {
        let job = self.log.job(work);
        let id = job.id;
        self.queue.push(job);
        id
    }

    /// Queues a job the way a producer on another core would at the worst moment: right
    /// after the next check that finds the variant's backlog empty, before that worker
    /// waits. Returns `None` for a variant with no backlog of its own (a channel has no gap
    /// between its check and its wait).
    pub fn push_in_the_gap(&self, work: Duration) -> Option<u64> {
        let backlog = self.backlog.as_ref()?;
        let job = self.log.job(work);
        let id = job.id;
        let queue = self.queue.clone();
        backlog.interleave(move || queue.push(job));
        Some(id)
    }

    /// What the pool has seen so far.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// Wake-ups of each worker so far: polls after the first.
    pub fn wakeups(&self) -> Vec<u64> {
        self.log
            .polls()
            .into_iter()
            .map(|p| p.saturating_sub(1))
            .collect()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// A worker's body, its polls counted.
struct Counted {
    index: usize,
    log: Arc<Log>,
    body: Pin<Box<dyn Future<Output = ()> + Send>>,
}

impl Future for Counted {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.log.polled(self.index);
        self.body.as_mut().poll(cx)
    }
}
