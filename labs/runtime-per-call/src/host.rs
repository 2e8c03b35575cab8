//! Long-lived caller threads, the way a host language calls into a binding.
//!
//! A Python or Node thread pool does not start a thread per call: the same few threads call
//! in over and over. [`HostThreads`] models that for the benches. Its threads wait for a job
//! ("make `n` calls"), run it against one shared bridge, and report back; the bench times one
//! round. Because the threads persist, a per-thread runtime is built once and then reused, so
//! the bench measures each variant in its steady state rather than its start-up.

use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

use crate::contract::Bridge;

/// A job for one host thread: how many calls to make, and where to report that they are done.
type Job = (u64, Sender<()>);

/// A fixed set of threads that call one bridge on request.
pub struct HostThreads {
    jobs: Vec<Sender<Job>>,
    threads: Vec<JoinHandle<()>>,
}

impl HostThreads {
    /// Starts `count` threads that will call `bridge`.
    pub fn new(count: usize, bridge: Arc<dyn Bridge>) -> Self {
        let mut jobs = Vec::with_capacity(count);
        let mut threads = Vec::with_capacity(count);
        for caller in 0..count {
            let (job_tx, job_rx) = mpsc::channel::<Job>();
            let bridge = Arc::clone(&bridge);
            threads.push(std::thread::spawn(move || {
                // The loop ends when `HostThreads` is dropped and the job sender goes with it.
                for (calls, done) in job_rx {
                    for i in 0..calls {
                        let key = (caller as u64) << 32 | i;
                        bridge
                            .call(key)
                            .expect("a host thread is never inside a runtime");
                    }
                    let _ = done.send(());
                }
            }));
            jobs.push(job_tx);
        }
        HostThreads { jobs, threads }
    }

    /// Has every thread make `calls` calls, and returns when all of them are done.
    pub fn round(&self, calls: u64) {
        let (done_tx, done_rx) = mpsc::channel();
        for job in &self.jobs {
            job.send((calls, done_tx.clone()))
                .expect("host threads live as long as HostThreads");
        }
        // Only the threads hold senders now: if one panics, its sender is dropped with it and
        // `recv` fails instead of waiting forever for a report that will never come.
        drop(done_tx);
        for _ in &self.jobs {
            done_rx
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variants::Variant;

    #[test]
    fn a_round_returns_once_every_thread_made_its_calls() {
        let bridge: Arc<dyn Bridge> = Arc::from(Variant::Fixed.bridge());
        let hosts = HostThreads::new(3, Arc::clone(&bridge));
        hosts.round(5);
        hosts.round(5);
        // One runtime served both rounds of all three threads.
        assert_eq!(bridge.runtimes_built(), 1);
    }
}
