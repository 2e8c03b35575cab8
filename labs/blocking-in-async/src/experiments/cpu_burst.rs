//! A burst of CPU-bound jobs, run each way the guides suggest, for the claim that
//! `spawn_blocking` is the tool for CPU work.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::contract::Job;
use crate::heartbeat::Lateness;
use crate::load;
use crate::runtime::Flavor;
use crate::variants::Variant;

use super::{block_thread, os_threads};

/// Ways to run a burst of CPU-bound jobs, for the claim about `spawn_blocking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BurstRunner {
    /// A lab variant, as the service would run it.
    Variant(Variant),
    /// `spawn_blocking` behind a semaphore with one permit per core.
    SpawnBlockingBounded,
    /// One `rayon::spawn` per job (no parallel iterator): rayon's pool, one thread per core.
    RayonPool,
}

impl BurstRunner {
    /// Every runner the experiment compares.
    pub const ALL: [BurstRunner; 5] = [
        BurstRunner::Variant(Variant::CpuInline),
        BurstRunner::Variant(Variant::SpawnBlocking),
        BurstRunner::SpawnBlockingBounded,
        BurstRunner::Variant(Variant::BlockInPlace),
        BurstRunner::RayonPool,
    ];

    /// How the book names it.
    pub fn name(self) -> String {
        match self {
            BurstRunner::Variant(variant) => format!("`{variant}`"),
            BurstRunner::SpawnBlockingBounded => {
                "`spawn-blocking` behind a semaphore (one permit per core)".into()
            }
            BurstRunner::RayonPool => "`rayon::spawn` per job (rayon's pool)".into(),
        }
    }
}

/// A burst of CPU-bound jobs run one way on the multi-thread runtime.
#[derive(Debug, Clone)]
pub struct CpuBurst {
    /// How the jobs ran.
    pub runner: BurstRunner,
    /// Jobs started at once.
    pub jobs: usize,
    /// From the first job's start to the last job's answer.
    pub elapsed: Duration,
    /// The mean time from a job's start to its answer.
    pub mean_latency: Duration,
    /// The most OS threads the process had during the burst.
    pub peak_threads: Option<usize>,
    /// The heartbeat's lateness during the burst.
    pub lateness: Lateness,
}

/// Starts `jobs` CPU-bound jobs at once with each [`BurstRunner`], on a fresh multi-thread
/// runtime each.
pub fn cpu_burst(job: &Job, jobs: usize) -> std::io::Result<Vec<CpuBurst>> {
    let mut results = Vec::new();
    for runner in BurstRunner::ALL {
        let runtime = Flavor::MultiThread.runtime()?;
        let sampler = ThreadSampler::start();
        let batch = runtime.block_on(async {
            match runner {
                BurstRunner::Variant(variant) => load::batch(variant, jobs, job).await,
                BurstRunner::SpawnBlockingBounded => bounded_burst(jobs, job).await,
                BurstRunner::RayonPool => rayon_burst(jobs, job).await,
            }
        });
        results.push(CpuBurst {
            runner,
            jobs,
            elapsed: batch.elapsed,
            mean_latency: batch.mean_latency(),
            peak_threads: sampler.stop(),
            lateness: batch.lateness,
        });
    }
    Ok(results)
}

/// The burst through `spawn_blocking`, at most one job per core at a time.
async fn bounded_burst(jobs: usize, job: &Job) -> load::Batch {
    let permits = Arc::new(tokio::sync::Semaphore::new(Flavor::MultiThread.workers()));
    load::batch_with(jobs, job, move |job| {
        let permits = Arc::clone(&permits);
        async move {
            let _permit = permits
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            crate::fixed::spawn_blocking::handle(job).await
        }
    })
    .await
}

/// The burst as one `rayon::spawn` per job: rayon runs as many at a time as it has threads.
async fn rayon_burst(jobs: usize, job: &Job) -> load::Batch {
    load::batch_with(jobs, job, |job| {
        crate::fixed::rayon_oneshot::on_rayon(move || {
            crate::work::crunch(job.key, job.rounds, &job.stop)
        })
    })
    .await
}

/// A plain thread that samples the process's thread count every millisecond, from outside
/// any runtime (a task doing it could be starved by the very blocking it should observe).
struct ThreadSampler {
    done: Arc<AtomicBool>,
    sampler: std::thread::JoinHandle<Option<usize>>,
}

impl ThreadSampler {
    fn start() -> ThreadSampler {
        let done = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&done);
        let sampler = std::thread::spawn(move || {
            let mut peak = os_threads();
            while !stop.load(Ordering::SeqCst) {
                peak = peak.max(os_threads());
                block_thread(Duration::from_millis(1));
            }
            peak
        });
        ThreadSampler { done, sampler }
    }

    /// The most threads seen, not counting the sampler itself.
    fn stop(self) -> Option<usize> {
        self.done.store(true, Ordering::SeqCst);
        let peak = self.sampler.join().expect("the sampler does not panic");
        peak.map(|threads| threads - 1)
    }
}
