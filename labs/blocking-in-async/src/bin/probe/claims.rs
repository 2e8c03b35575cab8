//! `claims.md`: a verdict on each claim of the catalogue entry, drawn from this run's
//! experiments, never typed. The kit's claims table gives a claim this file does not know a row
//! that says so.

use std::time::Duration;

use blocking_in_async::experiments::{
    AllBlocked, BlockingPool, BurstRunner, CpuBurst, FreezeRun, RayonRun, SliceRun,
};
use blocking_in_async::{Flavor, Variant};
use evidence::Verdict;
use evidence::number::{count, duration};

use crate::{BURST_JOB, FREEZE_PAUSE, RAYON_JOB, threads};

/// A verdict and the reason for it, as one cell of the verdict column.
///
/// The claims table sets the whole cell in bold; the reason reads on from the verdict.
fn explained(verdict: &str, reason: &str) -> String {
    let gap = if reason.starts_with([':', ';']) {
        ""
    } else {
        " "
    };
    format!("{verdict}{gap}{reason}")
}

/// The measurements the verdicts are drawn from.
pub struct Verdicts<'a> {
    pub pool: &'a BlockingPool,
    pub slices: &'a [SliceRun],
    pub freeze: &'a [FreezeRun],
    pub all_blocked: &'a [AllBlocked],
    pub burst: &'a [CpuBurst],
    pub rayon: &'a [RayonRun],
}

impl Verdicts<'_> {
    /// What was measured for the claim `id`, and the verdict; `None` for a claim this probe
    /// has no experiment for.
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        let (measured, verdict) = match id {
            "blocking-pool-500-threads" => self.pool_claim(),
            "await-every-10-100us" => self.slices_claim(),
            "blocking-freezes-runtime" => self.freeze_claim(),
            "workers-added-when-blocked" => self.workers_claim(),
            "spawn-blocking-for-cpu" => self.cpu_claim(),
            "rayon-inline-blocks" => self.rayon_claim(),
            _ => return None,
        };
        Some(Verdict::new(measured, verdict))
    }

    fn pool_claim(&self) -> (String, String) {
        let p = self.pool;
        let measured = format!(
            "{} blocking calls at once: at most {} ran at the same time; the process had {} threads before, {} right after, {} once idle threads had timed out",
            count(p.calls as u64),
            count(p.peak_concurrent as u64),
            threads(p.threads_before),
            threads(p.threads_after),
            threads(p.threads_after_keep_alive),
        );
        let capped = p.peak_concurrent < p.calls;
        let on_demand = matches!((p.threads_before, p.threads_after), (Some(b), Some(a)) if a > b + p.peak_concurrent / 2);
        let verdict = if capped && on_demand {
            explained(
                "Misleading.",
                "It is a ceiling, not a standing pool: threads start on demand, up to \
             `max_blocking_threads` (512 by default), and idle ones exit after `thread_keep_alive` \
             (10 s by default). Calls beyond the ceiling wait in a queue.",
            )
        } else {
            explained(
                "Not reproduced here",
                ": the pool did not behave as a capped, on-demand pool in this run; see the table.",
            )
        };
        (measured, verdict)
    }

    fn slices_claim(&self) -> (String, String) {
        let rows: Vec<String> = self
            .slices
            .iter()
            .map(|s| {
                format!(
                    "{} slices: p50 {}, p99 {}",
                    duration(s.slice),
                    duration(s.lateness.p50()),
                    duration(s.lateness.p99())
                )
            })
            .collect();
        let measured = format!(
            "heartbeat lateness beside a task computing in slices: {}",
            rows.join("; ")
        );
        // The median, not the tail: a busy machine adds its own outliers to the tail.
        let p50 = |i: usize| self.slices.get(i).map(|s| s.lateness.p50());
        let grows = matches!((p50(1), p50(3)), (Some(small), Some(large)) if large > small * 2);
        let verdict = if grows {
            explained(
                "A sound rule of thumb, not a law.",
                "Every other task on the worker waits up to one \
             slice, so lateness grows with the slice; how much is too much depends on what the \
             neighbours need. Below the timer's millisecond resolution a timer-driven neighbour \
             cannot tell the difference.",
            )
        } else {
            explained(
                "Inconclusive in this run",
                ": lateness did not grow clearly with the slice; see the table.",
            )
        };
        (measured, verdict)
    }

    fn freeze_claim(&self) -> (String, String) {
        let rows: Vec<String> = self
            .freeze
            .iter()
            .map(|f| {
                format!(
                    "{} with {} of {} worker(s) blocked: max {}",
                    f.flavor,
                    f.blocking_clients,
                    f.workers,
                    duration(f.lateness.max())
                )
            })
            .collect();
        let measured = format!(
            "heartbeat lateness with {} blocking requests: {}",
            duration(FREEZE_PAUSE),
            rows.join("; ")
        );
        let pause = FREEZE_PAUSE;
        let max = |flavor: Flavor, blocked: usize| {
            self.freeze
                .iter()
                .find(|f| f.flavor == flavor && f.blocking_clients == blocked)
                .map(|f| f.lateness.max())
        };
        let workers = Flavor::MultiThread.workers();
        let current_frozen = max(Flavor::CurrentThread, 1).is_some_and(|m| m >= pause);
        let all_frozen = max(Flavor::MultiThread, workers).is_some_and(|m| m >= pause);
        let some_free =
            workers == 1 || max(Flavor::MultiThread, workers - 1).is_some_and(|m| m < pause);
        let verdict = match (current_frozen, all_frozen, some_free) {
            (true, true, true) => explained(
                "True on a current-thread runtime; on a multi-thread runtime only once every worker \
                 is blocked.",
                "Until then the free workers run everything else, though a task queued \
                 behind a blocked worker waits until another worker steals it.",
            ),
            (true, _, _) => explained(
                "True on a current-thread runtime",
                "; on the multi-thread runtime this run was mixed, see the table.",
            ),
            _ => explained("Not reproduced in this run", "; see the table."),
        };
        (measured, verdict)
    }

    fn workers_claim(&self) -> (String, String) {
        let rows: Vec<String> = self
            .all_blocked
            .iter()
            .map(|a| {
                format!(
                    "{}: threads {} before, {} during, heartbeat max {}",
                    if a.in_place {
                        "in `block_in_place`"
                    } else {
                        "plainly"
                    },
                    threads(a.threads_before),
                    threads(a.threads_during),
                    duration(a.lateness.max())
                )
            })
            .collect();
        let measured = format!("every worker blocked at once: {}", rows.join("; "));
        let plain = self.all_blocked.iter().find(|a| !a.in_place);
        let in_place = self.all_blocked.iter().find(|a| a.in_place);
        let grew = |a: &AllBlocked| matches!((a.threads_before, a.threads_during), (Some(b), Some(d)) if d > b);
        let frozen = |a: &AllBlocked| a.lateness.max() >= Duration::from_millis(50);
        let verdict = match (plain, in_place) {
            (Some(p), Some(i)) if !grew(p) && frozen(p) && grew(i) && !frozen(i) => explained(
                "False.",
                "Tokio cannot tell a blocked worker from a busy one and starts no new \
                 worker: the runtime froze. Only `block_in_place`, which tells it, moves the worker's \
                 queue to another thread, and then the heartbeat kept going.",
            ),
            (Some(p), _) if !grew(p) => explained(
                "False",
                ": no thread was added while every worker blocked; the `block_in_place` run was inconclusive.",
            ),
            _ => explained("Not reproduced here", "; see the table."),
        };
        (measured, verdict)
    }

    fn cpu_claim(&self) -> (String, String) {
        let get = |r: BurstRunner| self.burst.iter().find(|b| b.runner == r);
        let (sb, pool, inline) = (
            get(BurstRunner::Variant(Variant::SpawnBlocking)),
            get(BurstRunner::RayonPool),
            get(BurstRunner::Variant(Variant::CpuInline)),
        );
        let measured = match (sb, pool, inline) {
            (Some(sb), Some(pool), Some(inline)) => format!(
                "{} jobs of {} at once: `spawn_blocking` ran up to {} threads and answered in {} on average (heartbeat p99 {}); rayon's pool ran up to {} threads and answered in {} (p99 {}); inline, the heartbeat's p99 was {}",
                count(sb.jobs as u64),
                duration(BURST_JOB),
                threads(sb.peak_threads),
                duration(sb.mean_latency),
                duration(sb.lateness.p99()),
                threads(pool.peak_threads),
                duration(pool.mean_latency),
                duration(pool.lateness.p99()),
                duration(inline.lateness.p99()),
            ),
            _ => "the CPU burst did not run".to_string(),
        };
        let responsive = matches!((sb, inline), (Some(sb), Some(inline)) if sb.lateness.p99() < inline.lateness.p99());
        let unbounded =
            matches!((sb, pool), (Some(sb), Some(pool)) if sb.peak_threads > pool.peak_threads);
        let verdict = match (responsive, unbounded, sb, pool) {
            (true, true, Some(sb), Some(pool)) => {
                let mut verdict = explained(
                    "Half true.",
                    "It keeps the worker threads free, but the blocking pool is \
                     unbounded: a burst of jobs starts a thread each and they all share the cores.",
                );
                if sb.mean_latency > pool.mean_latency {
                    verdict.push_str(" Nothing finished sooner for it, and on average each job answered later than on a pool sized to the cores.");
                }
                if sb.lateness.p99() > pool.lateness.p99() * 2 {
                    verdict.push_str(" The workers had to wait for a core like every other thread, so the heartbeat was late more often too.");
                }
                verdict.push_str(
                    " For a steady stream of CPU work, a pool sized to the cores (rayon, or a \
                     semaphore in front of `spawn_blocking`) fits better.",
                );
                verdict
            }
            (true, false, ..) => explained(
                "True as far as this run shows",
                ": it kept the runtime responsive without extra threads; see the table.",
            ),
            _ => explained("Not reproduced in this run", "; see the table."),
        };
        (measured, verdict)
    }

    fn rayon_claim(&self) -> (String, String) {
        let max = |v: Variant, f: Flavor| {
            self.rayon
                .iter()
                .find(|r| r.variant == v && r.flavor == f)
                .map(|r| r.lateness.max())
        };
        let show = |d: Option<Duration>| d.map_or_else(|| "—".to_string(), duration);
        let measured = format!(
            "heartbeat max lateness next to parallel jobs of about {} of CPU: inline {} (current-thread) and {} (multi-thread); through `rayon::spawn` and a oneshot {} and {}",
            duration(RAYON_JOB),
            show(max(Variant::RayonInline, Flavor::CurrentThread)),
            show(max(Variant::RayonInline, Flavor::MultiThread)),
            show(max(Variant::RayonOneshot, Flavor::CurrentThread)),
            show(max(Variant::RayonOneshot, Flavor::MultiThread)),
        );
        let blocks = matches!(
            (max(Variant::RayonInline, Flavor::CurrentThread), max(Variant::RayonOneshot, Flavor::CurrentThread)),
            (Some(inline), Some(spawned)) if inline > spawned * 2
        );
        let verdict = if blocks {
            explained(
                "True.",
                "The iterator's work runs on rayon's threads, but the calling worker parks \
             until it is done. Hand it over with `rayon::spawn` and await a oneshot instead, and \
             catch panics inside the job: one that escapes aborts the process.",
            )
        } else {
            explained("Not reproduced in this run", "; see the table.")
        };
        (measured, verdict)
    }
}
