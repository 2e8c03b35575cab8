//! The measurements behind the chapter's verdicts on what popular guides claim.
//!
//! Each function runs one bounded experiment and returns plain numbers; the `probe` binary
//! turns them into the book's tables and verdicts. They measure on real threads and real
//! clocks (unlike the tests, which judge event order), so their numbers describe the machine
//! they ran on, and the probe stamps them with it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;

use crate::heartbeat::{self, Heartbeat, Lateness};
use crate::load::{self, Monitors, Steady};
use crate::{Flavor, Job, Variant};

/// How much work one request does and how long each run lasts.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The job every variant gets (its cost calibrated to about a millisecond per kind).
    pub job: Job,
    /// How long each steady run lasts.
    pub run: Duration,
    /// Concurrent clients in each steady run.
    pub clients: usize,
}

/// One steady run of one variant on one flavour, with its task metrics.
#[derive(Debug, Clone)]
pub struct VariantRun {
    /// The variant measured.
    pub variant: Variant,
    /// The runtime it ran on.
    pub flavor: Flavor,
    /// Throughput and heartbeat lateness.
    pub steady: Steady,
    /// What the request futures' monitor saw.
    pub requests: tokio_metrics::TaskMetrics,
    /// What the heartbeat task's monitor saw.
    pub heartbeat: tokio_metrics::TaskMetrics,
}

/// Runs every variant that can run on `flavor` under a steady load.
pub fn every_variant(flavor: Flavor, setup: &Setup) -> std::io::Result<Vec<VariantRun>> {
    let mut runs = Vec::new();
    for variant in Variant::ALL.into_iter().filter(|v| v.runs_on(flavor)) {
        // A fresh runtime per variant, so no variant inherits another's threads or queues.
        let runtime = flavor.runtime()?;
        // tokio-metrics' default thresholds (50 µs), inside the 10–100 µs the guides quote.
        let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
        let steady = runtime.block_on(load::steady(
            variant,
            setup.clients,
            setup.run,
            &setup.job,
            &monitors,
        ));
        runs.push(VariantRun {
            variant,
            flavor,
            steady,
            requests: monitors.requests.cumulative(),
            heartbeat: monitors.heartbeat.cumulative(),
        });
    }
    Ok(runs)
}

/// Threads of this process right now, from `/proc/self/status` (Linux only).
pub fn os_threads() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:")?.trim().parse().ok())
}

/// Blocks the calling thread; used where blocking is the point of the experiment.
#[expect(
    clippy::disallowed_methods,
    reason = "the experiments block threads on purpose, on the blocking pool or to freeze a worker"
)]
fn block_thread(duration: Duration) {
    std::thread::sleep(duration);
}

/// What the blocking pool looked like around a burst of blocking calls.
#[derive(Debug, Clone)]
pub struct BlockingPool {
    /// Blocking calls started at once.
    pub calls: usize,
    /// OS threads of the process before the first call.
    pub threads_before: Option<usize>,
    /// The most calls that were running at the same moment.
    pub peak_concurrent: usize,
    /// OS threads right after the burst, while the pool's threads sit idle.
    pub threads_after: Option<usize>,
    /// OS threads once idle pool threads have had time to exit (keep-alive shortened).
    pub threads_after_keep_alive: Option<usize>,
    /// The keep-alive used for that last measurement.
    pub keep_alive: Duration,
}

/// Starts `calls` blocking calls at once on a default multi-thread runtime and counts how
/// many run at the same time. Each call blocks for `hold`.
pub fn blocking_pool(calls: usize, hold: Duration) -> std::io::Result<BlockingPool> {
    let keep_alive = Duration::from_millis(100);
    let runtime = build_with_keep_alive(keep_alive)?;
    let threads_before = os_threads();
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    runtime.block_on(async {
        let tasks: Vec<_> = (0..calls)
            .map(|_| {
                let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
                tokio::task::spawn_blocking(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    block_thread(hold);
                    running.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("the blocking calls do not panic");
        }
    });
    let threads_after = os_threads();
    // Three keep-alive periods: ample for every idle thread to notice and exit.
    block_thread(3 * keep_alive);
    let threads_after_keep_alive = os_threads();
    Ok(BlockingPool {
        calls,
        threads_before,
        peak_concurrent: peak.load(Ordering::SeqCst),
        threads_after,
        threads_after_keep_alive,
        keep_alive,
    })
}

/// A multi-thread runtime with Tokio's defaults except the blocking threads' keep-alive.
fn build_with_keep_alive(keep_alive: Duration) -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .thread_keep_alive(keep_alive)
        .build()
}

/// The heartbeat next to a task that computes in slices of a given length.
#[derive(Debug, Clone)]
pub struct SliceRun {
    /// How long the busy task ran between two yields.
    pub slice: Duration,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
    /// The heartbeat task's mean wait between being woken and being polled.
    pub mean_scheduling_delay: Duration,
}

/// On a current-thread runtime, runs a task that computes for `slice` and yields, over and
/// over for `run`, beside a heartbeat. One run per slice length.
pub fn slices(slice_lengths: &[Duration], run: Duration) -> std::io::Result<Vec<SliceRun>> {
    let mut runs = Vec::new();
    for &slice in slice_lengths {
        let runtime = Flavor::CurrentThread.runtime()?;
        let monitor = tokio_metrics::TaskMonitor::new();
        let lateness = runtime.block_on(async {
            let heartbeat = Heartbeat::start_monitored(heartbeat::PERIOD, &monitor);
            let busy = tokio::spawn(async move {
                let end = Instant::now() + run;
                while Instant::now() < end {
                    busy_for(slice);
                    tokio::task::yield_now().await;
                }
            });
            busy.await.expect("the busy task does not panic");
            heartbeat.stop()
        });
        runs.push(SliceRun {
            slice,
            lateness,
            mean_scheduling_delay: monitor.cumulative().mean_scheduled_duration(),
        });
    }
    Ok(runs)
}

/// Keeps the CPU busy for `duration`.
fn busy_for(duration: Duration) {
    let end = Instant::now() + duration;
    while Instant::now() < end {
        std::hint::spin_loop();
    }
}

/// The heartbeat while some handlers block their workers.
#[derive(Debug, Clone)]
pub struct FreezeRun {
    /// The runtime flavour.
    pub flavor: Flavor,
    /// Its worker threads.
    pub workers: usize,
    /// Clients whose every request blocks its worker.
    pub blocking_clients: usize,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
}

/// Runs `blocking_clients` clients of the `anti` variant (each request blocks its worker for
/// `job.pause`) for `run`, on each flavour, for each client count.
pub fn freeze(job: &Job, run: Duration) -> std::io::Result<Vec<FreezeRun>> {
    let mut runs = Vec::new();
    for flavor in Flavor::ALL {
        let workers = flavor.workers();
        let counts: Vec<usize> = match flavor {
            Flavor::CurrentThread => vec![1],
            // Fewer blocked handlers than workers, then exactly as many.
            Flavor::MultiThread => (1..=workers).collect(),
        };
        for blocking_clients in counts {
            let runtime = flavor.runtime()?;
            let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
            let steady = runtime.block_on(load::steady(
                Variant::Anti,
                blocking_clients,
                run,
                job,
                &monitors,
            ));
            runs.push(FreezeRun {
                flavor,
                workers,
                blocking_clients,
                lateness: steady.lateness,
            });
        }
    }
    Ok(runs)
}

/// What happened while every worker of a multi-thread runtime blocked.
#[derive(Debug, Clone)]
pub struct AllBlocked {
    /// Whether the blocking went through `block_in_place`.
    pub in_place: bool,
    /// The runtime's worker threads.
    pub workers: usize,
    /// OS threads before the workers blocked.
    pub threads_before: Option<usize>,
    /// OS threads while they were blocked.
    pub threads_during: Option<usize>,
    /// The heartbeat's lateness over the blocked period.
    pub lateness: Lateness,
}

/// Blocks every worker of a multi-thread runtime for `hold`, plainly or through
/// `block_in_place`, and looks at the process's threads and the heartbeat meanwhile.
pub fn all_workers_blocked(hold: Duration) -> std::io::Result<Vec<AllBlocked>> {
    let mut results = Vec::new();
    for in_place in [false, true] {
        let workers = Flavor::MultiThread.workers();
        let runtime = Flavor::MultiThread.runtime()?;
        let heartbeat = runtime.block_on(async { Heartbeat::start(heartbeat::PERIOD) });
        // Let the runtime settle (the heartbeat take a few beats) before counting threads.
        block_thread(Duration::from_millis(20));
        let threads_before = os_threads();
        let blockers: Vec<_> = (0..workers)
            .map(|_| {
                runtime.spawn(async move {
                    if in_place {
                        tokio::task::block_in_place(|| block_thread(hold));
                    } else {
                        block_thread(hold);
                    }
                })
            })
            .collect();
        // Halfway through the hold, count the threads from outside the runtime.
        block_thread(hold / 2);
        let threads_during = os_threads();
        for blocker in blockers {
            runtime
                .block_on(blocker)
                .expect("the blockers do not panic");
        }
        let lateness = heartbeat.stop();
        results.push(AllBlocked {
            in_place,
            workers,
            threads_before,
            threads_during,
            lateness,
        });
    }
    Ok(results)
}

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

/// A long parallel job, inline or handed to rayon, beside the heartbeat.
#[derive(Debug, Clone)]
pub struct RayonRun {
    /// `rayon-inline` or `rayon-oneshot`.
    pub variant: Variant,
    /// The runtime flavour.
    pub flavor: Flavor,
    /// The heartbeat's lateness.
    pub lateness: Lateness,
}

/// One client sends parallel jobs (each `job.rounds` of CPU over rayon's pool) back to back
/// for `run`, inline and through `rayon::spawn`, on both flavours.
pub fn rayon_long(job: &Job, run: Duration) -> std::io::Result<Vec<RayonRun>> {
    let mut results = Vec::new();
    for flavor in Flavor::ALL {
        for variant in [Variant::RayonInline, Variant::RayonOneshot] {
            let runtime = flavor.runtime()?;
            let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
            let steady = runtime.block_on(load::steady(variant, 1, run, job, &monitors));
            results.push(RayonRun {
                variant,
                flavor,
                lateness: steady.lateness,
            });
        }
    }
    Ok(results)
}

/// A plain thread that samples the process's thread count every millisecond, from outside
/// any runtime (a task doing it could be starved by the very blocking it should observe).
struct ThreadSampler {
    done: Arc<std::sync::atomic::AtomicBool>,
    sampler: std::thread::JoinHandle<Option<usize>>,
}

impl ThreadSampler {
    fn start() -> ThreadSampler {
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
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
