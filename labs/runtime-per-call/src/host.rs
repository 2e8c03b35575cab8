//! Long-lived caller threads, the way a host language calls into a binding.
//!
//! A Python or Node thread pool does not start a thread per call: the same few threads call
//! in over and over. [`HostThreads`] models that for the benches. Its threads wait for a job
//! ("make `n` calls"), run it against one shared bridge, and report back; the bench times one
//! round. Because the threads persist, a per-thread runtime is built once and then reused, so
//! the bench measures each variant in its steady state rather than its start-up.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::Bridge;

/// A fixed set of threads that call one bridge on request.
pub struct HostThreads {
    jobs: Vec<Sender<u64>>,
    finished: Receiver<()>,
    threads: Vec<JoinHandle<()>>,
}

impl HostThreads {
    /// Starts `count` threads that will call `bridge`.
    pub fn new(count: usize, bridge: Arc<dyn Bridge>) -> Self {
        let (finished_tx, finished) = mpsc::channel();
        let mut jobs = Vec::with_capacity(count);
        let mut threads = Vec::with_capacity(count);
        for caller in 0..count {
            let (job_tx, job_rx) = mpsc::channel::<u64>();
            let (bridge, finished_tx) = (Arc::clone(&bridge), finished_tx.clone());
            threads.push(std::thread::spawn(move || {
                // The loop ends when `HostThreads` is dropped and the job sender goes with it.
                for calls in job_rx {
                    for i in 0..calls {
                        let key = (caller as u64) << 32 | i;
                        bridge
                            .call(key)
                            .expect("a host thread is never inside a runtime");
                    }
                    if finished_tx.send(()).is_err() {
                        return;
                    }
                }
            }));
            jobs.push(job_tx);
        }
        HostThreads {
            jobs,
            finished,
            threads,
        }
    }

    /// Has every thread make `calls` calls, and returns when all of them are done.
    pub fn round(&self, calls: u64) {
        for job in &self.jobs {
            job.send(calls)
                .expect("host threads live as long as HostThreads");
        }
        for _ in &self.jobs {
            self.finished
                .recv()
                .expect("a host thread panicked during its calls");
        }
    }
}

impl Drop for HostThreads {
    fn drop(&mut self) {
        // Closing every job channel lets each thread's loop end; then we wait for them.
        self.jobs.clear();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}
