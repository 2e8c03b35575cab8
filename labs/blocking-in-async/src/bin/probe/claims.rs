//! `claims.md`: a verdict on each claim of the catalogue entry, drawn from this run's
//! experiments, never typed. The kit's claims table gives a claim this file does not know a row
//! that says so.

use std::time::Duration;

use blocking_in_async::experiments::{
    AllBlocked, BlockingPool, BurstRunner, CpuBurst, FreezeRun, OversizedPool, RayonRun, SliceRun,
};
use blocking_in_async::{Flavor, Variant};
use evidence::Verdict;
use evidence::number::{count, duration, mib};

use crate::{BURST_JOB, FREEZE_PAUSE, RAYON_JOB, threads};

/// The measurements the verdicts are drawn from.
pub struct Verdicts<'a> {
    pub pool: &'a BlockingPool,
    pub slices: &'a [SliceRun],
    pub freeze: &'a [FreezeRun],
    pub all_blocked: &'a [AllBlocked],
    pub burst: &'a [CpuBurst],
    pub rayon: &'a [RayonRun],
    pub oversized: &'a [OversizedPool],
}

impl Verdicts<'_> {
    /// What was measured for the claim `id`, and the verdict; `None` for a claim this probe
    /// has no experiment for.
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        Some(match id {
            "blocking-pool-500-threads" => self.pool_claim(),
            "await-every-10-100us" => self.slices_claim(),
            "blocking-freezes-runtime" => self.freeze_claim(),
            "workers-added-when-blocked" => self.workers_claim(),
            "spawn-blocking-for-cpu" => self.cpu_claim(),
            "rayon-inline-blocks" => self.rayon_claim(),
            "worker-threads-16-wastes-memory" => self.oversized_claim(),
            _ => return None,
        })
    }

    fn pool_claim(&self) -> Verdict {
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
        if capped && on_demand {
            Verdict::explained(
                measured,
                "Misleading.",
                format!(
                    "It is a ceiling, not a standing pool: threads start on demand, up to \
                     `max_blocking_threads` ({} ran at once here; 512 is Tokio's default), and \
                     idle ones exit after `thread_keep_alive` (10 s by default). Calls beyond the \
                     ceiling wait in a queue.",
                    count(p.peak_concurrent as u64)
                ),
            )
        } else {
            Verdict::explained(
                measured,
                "Not reproduced here:",
                "the pool did not behave as a capped, on-demand pool in this run; see the table.",
            )
        }
    }

    fn slices_claim(&self) -> Verdict {
        let rows: Vec<String> = self
            .slices
            .iter()
            .map(|s| {
                format!(
                    "{} slices: a request from another thread waited {} for its answer (p50; p99 {}), the 1 ms heartbeat was late by {} (p50)",
                    duration(s.slice),
                    duration(s.request_latency.p50()),
                    duration(s.request_latency.p99()),
                    duration(s.lateness.p50()),
                )
            })
            .collect();
        let measured = format!(
            "a current-thread runtime, a task computing in slices and yielding between them: {}",
            rows.join("; ")
        );
        // A request arriving at a random moment waits on average half a slice, so the median
        // wait should grow with the slice: by an order of magnitude over the sweep, and at
        // least a quarter of the slice once the slice dwarfs the cost of a wake-up (1 ms).
        let p50 = |s: &SliceRun| s.request_latency.p50();
        let tracks = match (self.slices.first(), self.slices.last()) {
            (Some(first), Some(last)) => {
                p50(last) > p50(first) * 10
                    && self
                        .slices
                        .iter()
                        .filter(|s| s.slice >= Duration::from_millis(1))
                        .all(|s| p50(s) >= s.slice / 4)
            }
            _ => false,
        };
        if tracks {
            Verdict::explained(
                measured,
                "A latency budget, not a measured limit.",
                "A request that needs no work waits for the slice in progress: its wait grew \
                 with the slice across the whole sweep, and nothing changes at 10–100 µs. So the \
                 slice is latency added to every neighbour, and the right length depends on what \
                 the neighbours can afford: a timer-driven neighbour notices nothing below \
                 Tokio's 1 ms tick (the heartbeat columns), a request answered in microseconds \
                 does.",
            )
        } else {
            Verdict::explained(
                measured,
                "Inconclusive in this run:",
                "the requests' wait did not grow with the slice length; see the table.",
            )
        }
    }

    fn freeze_claim(&self) -> Verdict {
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
        match (current_frozen, all_frozen, some_free) {
            (true, true, true) => Verdict::explained(
                measured,
                "True on a current-thread runtime; on a multi-thread runtime only once every \
                 worker is blocked.",
                "Until then the free workers run everything else, though a task queued \
                 behind a blocked worker waits until another worker steals it.",
            ),
            (true, _, _) => Verdict::explained(
                measured,
                "True on a current-thread runtime;",
                "on the multi-thread runtime this run was mixed, see the table.",
            ),
            _ => Verdict::explained(measured, "Not reproduced in this run;", "see the table."),
        }
    }

    fn workers_claim(&self) -> Verdict {
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
        match (plain, in_place) {
            (Some(p), Some(i)) if !grew(p) && frozen(p) && grew(i) && !frozen(i) => {
                Verdict::explained(
                    measured,
                    "False.",
                    "Tokio cannot tell a blocked worker from a busy one and starts no new \
                     worker: the runtime froze. Only `block_in_place`, which tells it, moves the \
                     worker's queue to another thread, and then the heartbeat kept going.",
                )
            }
            (Some(p), _) if !grew(p) => Verdict::explained(
                measured,
                "False:",
                "no thread was added while every worker blocked; the `block_in_place` run was \
                 inconclusive.",
            ),
            _ => Verdict::explained(measured, "Not reproduced here;", "see the table."),
        }
    }

    fn cpu_claim(&self) -> Verdict {
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
        let piles_up =
            matches!((sb, pool), (Some(sb), Some(pool)) if sb.peak_threads > pool.peak_threads);
        match (responsive, piles_up, sb, pool) {
            (true, true, Some(sb), Some(pool)) => {
                // The pool experiment measured the ceiling; say it, rather than "unbounded".
                let mut reason = format!(
                    "It keeps the worker threads free, but the blocking pool's only bound is \
                     `max_blocking_threads` ({} threads ran at once in the pool experiment), far \
                     above the {} cores: a burst of jobs starts a thread each, up to that \
                     ceiling, and they all share the cores.",
                    count(self.pool.peak_concurrent as u64),
                    Flavor::MultiThread.workers(),
                );
                if sb.mean_latency > pool.mean_latency {
                    reason.push_str(
                        " Nothing finished sooner for it, and on average each job answered later \
                         than on a pool sized to the cores.",
                    );
                }
                if sb.lateness.p99() > pool.lateness.p99() * 2 {
                    reason.push_str(
                        " The workers had to wait for a core like every other thread, so the \
                         heartbeat was late more often too.",
                    );
                }
                reason.push_str(
                    " For a steady stream of CPU work, a pool sized to the cores (rayon, or a \
                     semaphore in front of `spawn_blocking`) fits better.",
                );
                Verdict::explained(measured, "Half true.", reason)
            }
            (true, false, ..) => Verdict::explained(
                measured,
                "True as far as this run shows:",
                "it kept the runtime responsive without extra threads; see the table.",
            ),
            _ => Verdict::explained(measured, "Not reproduced in this run;", "see the table."),
        }
    }

    fn rayon_claim(&self) -> Verdict {
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
        // Judged per flavour: the inline job blocks a runtime when the heartbeat beside it
        // is more than twice as late as beside the same job handed to rayon.
        let blocks = |flavor: Flavor| match (
            max(Variant::RayonInline, flavor),
            max(Variant::RayonOneshot, flavor),
        ) {
            (Some(inline), Some(spawned)) => Some(inline > spawned * 2),
            _ => None,
        };
        let how = "The iterator's work runs on rayon's threads, but the calling worker parks \
                   until it is done. Hand it over with `rayon::spawn` and await a oneshot \
                   instead, and catch panics inside the job: one that escapes aborts the process.";
        match (blocks(Flavor::CurrentThread), blocks(Flavor::MultiThread)) {
            (Some(true), Some(true)) => {
                Verdict::explained(measured, "True on both runtime flavours.", how)
            }
            (Some(true), Some(false)) => Verdict::explained(
                measured,
                "True on a current-thread runtime; on the multi-thread runtime not measurably \
                 here.",
                format!(
                    "{how} On the multi-thread runtime the other worker kept the heartbeat \
                     going while one parked, so inline and handed-off jobs looked alike; it \
                     blocks that runtime too once every worker is inside a parallel iterator."
                ),
            ),
            _ => Verdict::explained(measured, "Not reproduced in this run;", "see the table."),
        }
    }

    fn oversized_claim(&self) -> Verdict {
        let get = |workers: Option<usize>| self.oversized.iter().find(|o| o.workers == workers);
        let (Some(default), Some(big)) = (get(None), get(Some(crate::OVERSIZED_WORKERS))) else {
            return Verdict::not_measured("the oversized-pool children did not run");
        };
        let measured = format!(
            "default ({} workers) against `worker_threads({})` on {} cores, each in a fresh \
             process running the same {} tasks: resident memory {} vs {}, virtual {} vs {}, \
             {} vs {}, voluntary context switches {} vs {}, involuntary {} vs {}",
            count(default.threads_workers as u64),
            crate::OVERSIZED_WORKERS,
            Flavor::MultiThread.workers(),
            count(default.tasks as u64),
            mib(default.rss_bytes as f64),
            mib(big.rss_bytes as f64),
            mib(default.vm_bytes as f64),
            mib(big.vm_bytes as f64),
            duration(default.elapsed),
            duration(big.elapsed),
            count(default.voluntary_switches),
            count(big.voluntary_switches),
            count(default.involuntary_switches),
            count(big.involuntary_switches),
        );
        let mib_of = |b: u64| b as f64 / (1024.0 * 1024.0);
        let rss_extra = mib_of(big.rss_bytes) - mib_of(default.rss_bytes);
        let vm_extra = mib_of(big.vm_bytes) - mib_of(default.vm_bytes);
        let extra = big
            .threads_workers
            .saturating_sub(default.threads_workers)
            .max(1) as f64;
        let ratio = big.elapsed.as_secs_f64() / default.elapsed.as_secs_f64().max(1e-9);
        let switches = |p: &OversizedPool| p.voluntary_switches + p.involuntary_switches;
        let memory = format!(
            "Each extra worker reserved {:.1} MiB of address space (its stack and its \
             allocator arena), of which {:+.2} MiB became resident: reserved, not used.",
            vm_extra / extra,
            rss_extra / extra,
        );
        let time = if ratio > 1.15 {
            format!(" The same work took {ratio:.2}× as long.")
        } else if ratio < 0.87 {
            format!(" The same work took {ratio:.2}× as long: less, on this workload.")
        } else {
            " The same work took about as long (within 15%).".to_string()
        };
        let switching = if switches(big) > 2 * switches(default) {
            " The threads took turns on the cores: many more context switches."
        } else if 2 * switches(big) < switches(default) {
            " There were fewer context switches with the oversized pool, not more: on this \
             workload the extra threads did not make the cores thrash."
        } else {
            ""
        };
        let reason = format!("{memory}{time}{switching}");
        let verdict = if rss_extra < 1.0 && ratio <= 1.15 {
            "False for resident memory, true for address space."
        } else if rss_extra < 1.0 {
            "Misleading: memory is not the main cost."
        } else {
            "True."
        };
        Verdict::explained(measured, verdict, reason)
    }
}
