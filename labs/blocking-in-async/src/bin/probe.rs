//! The lab's measurements for the book: `probe --out <dir> --criterion <dir> --mode quick|full`.
//!
//! `cargo xtask book` runs it after the criterion bench. It writes markdown fragments into
//! `--out` (`book/src/generated/blocking-in-async/`), each ending with the stamp of the
//! machine, toolchain, date and commit:
//!
//! - `heartbeat.md`: every variant under a steady load on both runtime flavours: the
//!   heartbeat's p50, p99 and worst lateness and the requests per second.
//! - `metrics.md`: what tokio-metrics' task monitors saw in the same runs.
//! - `headline.md`: the criterion bench's headline ratios, with their confidence intervals.
//! - `pool.md`, `slices.md`, `freeze.md`, `all-blocked.md`, `cpu-burst.md`, `rayon.md`: the
//!   experiments behind the verdicts on the guides' claims.
//! - `claims.md`: one row per claim in `anti-patterns/blocking-in-async.toml`.
//!
//! Quick mode keeps every run short (the whole probe takes a few seconds); full mode runs
//! each one longer for steadier percentiles.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use blocking_in_async::experiments::{
    self, AllBlocked, BlockingPool, BurstRunner, CpuBurst, FreezeRun, RayonRun, Setup, SliceRun,
    VariantRun,
};
use blocking_in_async::work::{Calibrated, Job};
use blocking_in_async::{Flavor, Variant, Work};
use clap::Parser;
use evidence::{Mode, Stamp};

/// The lab's id, as in the catalogue and the criterion groups.
const LAB: &str = "blocking-in-async";
/// How long each request of the freeze experiment blocks its worker.
const FREEZE_PAUSE: Duration = Duration::from_millis(20);

/// Write the lab's measured fragments for the book.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    /// Where to write the fragments.
    #[arg(long)]
    out: PathBuf,
    /// Criterion's output directory (`target/criterion`), for the headline ratios.
    #[arg(long)]
    criterion: PathBuf,
    /// `quick` for short runs, `full` for longer ones.
    #[arg(long, default_value = "quick")]
    mode: Mode,
}

fn main() -> std::process::ExitCode {
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("probe: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// How long each kind of run lasts in each mode.
struct Budget {
    /// One steady run of one variant.
    run: Duration,
    /// One slice length in the slice experiment; one client count in the freeze experiment.
    experiment: Duration,
    /// How long every worker stays blocked in the all-blocked experiment.
    hold: Duration,
}

impl Budget {
    fn for_mode(mode: Mode) -> Budget {
        match mode {
            Mode::Full => Budget {
                run: Duration::from_secs(2),
                experiment: Duration::from_secs(1),
                hold: Duration::from_millis(500),
            },
            // Quick, and Manual (which only means criterion ran by hand) alike.
            _ => Budget {
                run: Duration::from_millis(250),
                experiment: Duration::from_millis(200),
                hold: Duration::from_millis(200),
            },
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    let stamp = Stamp::collect(&evidence::workspace_root(), args.mode);
    let budget = Budget::for_mode(args.mode);
    let entry = catalogue::Catalogue::load_workspace()?.get(LAB)?.clone();

    // Every request costs about a millisecond of its kind of work on this machine.
    let cost = Duration::from_millis(1);
    let calibrated = Calibrated::new(cost, &Work::ALL).context("calibrating the work")?;
    let workers = Flavor::MultiThread.workers();
    let setup = Setup {
        job: calibrated.job.clone(),
        run: budget.run,
        // Four connections per worker: more requests in flight than workers, as in any
        // loaded service, and enough to block every worker at once.
        clients: 4 * workers,
    };
    eprintln!("probe: heartbeat runs ({} each)", fmt_duration(budget.run));
    let mut runs = Vec::new();
    for flavor in Flavor::ALL {
        runs.extend(experiments::every_variant(flavor, &setup)?);
    }
    let write = |name: &str, body: &str| -> anyhow::Result<()> {
        evidence::write_fragment(&args.out, name, &stamp, body)
            .with_context(|| format!("writing {name}"))?;
        Ok(())
    };
    write("heartbeat.md", &heartbeat_table(&runs, &setup, &calibrated))?;
    write("metrics.md", &metrics_table(&runs))?;

    eprintln!("probe: experiments for the claims");
    let pool = experiments::blocking_pool(600, Duration::from_millis(50))?;
    let slices = experiments::slices(
        &[10, 100, 1_000, 10_000].map(Duration::from_micros),
        budget.experiment,
    )?;
    // The freeze experiment pauses 20 ms per request: far above the timer's millisecond floor
    // and the few milliseconds a busy machine adds.
    let freeze_job = Job::new(0).with_pause(FREEZE_PAUSE);
    let freeze = experiments::freeze(&freeze_job, budget.experiment)?;
    let all_blocked = experiments::all_workers_blocked(budget.hold)?;
    let burst_job = calibrated
        .job
        .clone()
        .with_rounds(blocking_in_async::work::rounds_for(Duration::from_millis(
            5,
        )));
    let burst = experiments::cpu_burst(&burst_job, 8 * workers)?;
    // 40 ms of CPU per parallel job: about 20 ms of wall time on two cores.
    let rayon_job = calibrated
        .job
        .clone()
        .with_rounds(blocking_in_async::work::rounds_for(Duration::from_millis(
            40,
        )));
    let rayon = experiments::rayon_long(&rayon_job, budget.experiment)?;

    write("pool.md", &pool_table(&pool))?;
    write("slices.md", &slices_table(&slices))?;
    write("freeze.md", &freeze_table(&freeze))?;
    write("all-blocked.md", &all_blocked_table(&all_blocked))?;
    write("cpu-burst.md", &cpu_burst_table(&burst))?;
    write("rayon.md", &rayon_table(&rayon))?;
    write("headline.md", &headline(&args.criterion))?;

    let verdicts = Verdicts {
        pool: &pool,
        slices: &slices,
        freeze: &freeze,
        all_blocked: &all_blocked,
        burst: &burst,
        rayon: &rayon,
    };
    let mut claims = String::from("| claim | what we measured | verdict |\n| --- | --- | --- |\n");
    for claim in &entry.claims {
        let (measured, verdict) = verdicts.judge(&claim.id);
        writeln!(claims, "| {} | {} | {} |", claim.claim, measured, verdict)?;
    }
    write("claims.md", &claims)?;
    eprintln!("probe: wrote {}", args.out.display());
    Ok(())
}

/// Milliseconds with two decimals: the heartbeat's floor is a fraction of one.
fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// A duration in the unit that reads best.
fn fmt_duration(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{} µs", d.as_micros())
    } else if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

fn threads(n: Option<usize>) -> String {
    n.map_or_else(|| "unknown".to_string(), |n| n.to_string())
}

/// The run of `variant` on `flavor`, if it could run there.
fn find(runs: &[VariantRun], variant: Variant, flavor: Flavor) -> Option<&VariantRun> {
    runs.iter()
        .find(|r| r.variant == variant && r.flavor == flavor)
}

fn heartbeat_table(runs: &[VariantRun], setup: &Setup, calibrated: &Calibrated) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} connections send requests back to back for {} per variant; every request costs \
         about a millisecond of its kind of work on this machine ({} rounds of CPU, a {} KiB \
         file, a 1 ms pause). The heartbeat aims to wake every millisecond; lateness is how \
         long after each deadline it actually ran, counting the deadlines it missed entirely. \
         \"vs anti\" compares with the anti-pattern for the same work on the same runtime.\n",
        setup.clients,
        fmt_duration(setup.run),
        setup.job.rounds,
        calibrated.file_bytes() / 1024,
    );
    for flavor in Flavor::ALL {
        let _ = writeln!(
            out,
            "**{flavor} runtime** ({} worker thread(s))\n",
            flavor.workers()
        );
        out.push_str("| work | variant | p50 | p99 | max | p99 vs anti | requests/s | vs anti |\n");
        out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for work in Work::ALL {
            let anti = work.variants()[0];
            let base = find(runs, anti, flavor);
            for variant in work.variants() {
                let Some(run) = find(runs, variant, flavor) else {
                    let _ = writeln!(
                        out,
                        "| {work} | `{variant}` | — | — | — | — | — | panics on this runtime |"
                    );
                    continue;
                };
                let l = &run.steady.lateness;
                let (p99_ratio, tput_ratio) = match base {
                    Some(base) if variant != anti => (
                        ratio(l.p99(), base.steady.lateness.p99()),
                        format!("{:.2}×", run.steady.throughput() / base.steady.throughput()),
                    ),
                    _ => ("—".to_string(), "—".to_string()),
                };
                let _ = writeln!(
                    out,
                    "| {work} | `{variant}` | {} | {} | {} | {p99_ratio} | {:.0} | {tput_ratio} |",
                    ms(l.p50()),
                    ms(l.p99()),
                    ms(l.max()),
                    run.steady.throughput(),
                );
            }
        }
        out.push('\n');
    }
    out
}

/// `a / b` as "0.25×".
fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        return "—".to_string();
    }
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

fn metrics_table(runs: &[VariantRun]) -> String {
    let mut out = String::from(
        "From the same runs. A slow poll is one longer than 50 µs (tokio-metrics' default); \
         the heartbeat's scheduling delay is the time between its timer waking it and a worker \
         polling it.\n\n\
         | runtime | variant | request polls | slow polls | mean poll | heartbeat: mean scheduling delay | heartbeat: delays over 50 µs |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for run in runs {
        let (r, h) = (&run.requests, &run.heartbeat);
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} ({:.0}%) | {:.1} µs | {:.1} µs | {} |",
            run.flavor,
            run.variant,
            r.total_poll_count,
            r.total_slow_poll_count,
            100.0 * r.slow_poll_ratio(),
            r.mean_poll_duration().as_secs_f64() * 1e6,
            h.mean_scheduled_duration().as_secs_f64() * 1e6,
            h.total_long_delay_count,
        );
    }
    out
}

fn pool_table(pool: &BlockingPool) -> String {
    format!(
        "{calls} calls to `spawn_blocking` started at once on a default multi-thread runtime, \
         each blocking its thread for 50 ms.\n\n\
         | threads in the process before | calls running at the same time, at most | threads right after | threads {wait} later (keep-alive shortened to {keep}) |\n\
         | ---: | ---: | ---: | ---: |\n\
         | {before} | {peak} | {after} | {reaped} |\n",
        calls = pool.calls,
        wait = fmt_duration(3 * pool.keep_alive),
        keep = fmt_duration(pool.keep_alive),
        before = threads(pool.threads_before),
        peak = pool.peak_concurrent,
        after = threads(pool.threads_after),
        reaped = threads(pool.threads_after_keep_alive),
    )
}

fn slices_table(slices: &[SliceRun]) -> String {
    let mut out = String::from(
        "A current-thread runtime runs one task that computes for a fixed slice and then yields, \
         over and over, beside the heartbeat.\n\n\
         | slice between yields | heartbeat p50 | p99 | max | heartbeat: mean scheduling delay |\n\
         | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for s in slices {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.1} µs |",
            fmt_duration(s.slice),
            ms(s.lateness.p50()),
            ms(s.lateness.p99()),
            ms(s.lateness.max()),
            s.mean_scheduling_delay.as_secs_f64() * 1e6,
        );
    }
    out
}

fn freeze_table(freeze: &[FreezeRun]) -> String {
    let mut out = String::from(
        "Clients of the `anti` variant send requests that each block their worker for 20 ms, \
         back to back; nothing else runs but the heartbeat.\n\n\
         | runtime | workers | blocking clients | heartbeat p50 | p99 | max |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for f in freeze {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            f.flavor,
            f.workers,
            f.blocking_clients,
            ms(f.lateness.p50()),
            ms(f.lateness.p99()),
            ms(f.lateness.max()),
        );
    }
    out
}

fn all_blocked_table(all: &[AllBlocked]) -> String {
    let mut out = String::from(
        "Every worker of a multi-thread runtime blocks at once, plainly or inside \
         `block_in_place`; the process's threads are counted halfway through.\n\n\
         | how the workers block | workers | threads before | threads during | heartbeat max lateness |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for a in all {
        let how = if a.in_place {
            "inside `block_in_place`"
        } else {
            "plainly (`std::thread::sleep`)"
        };
        let _ = writeln!(
            out,
            "| {how} | {} | {} | {} | {} |",
            a.workers,
            threads(a.threads_before),
            threads(a.threads_during),
            ms(a.lateness.max()),
        );
    }
    out
}

fn cpu_burst_table(burst: &[CpuBurst]) -> String {
    let jobs = burst.first().map_or(0, |b| b.jobs);
    let mut out = format!(
        "{jobs} CPU-bound jobs of about 5 ms each start at once on the multi-thread runtime.\n\n\
         | how the jobs run | all done after | mean time to answer | most threads | heartbeat p99 | max |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n"
    );
    for b in burst {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            b.runner.name(),
            ms(b.elapsed),
            ms(b.mean_latency),
            threads(b.peak_threads),
            ms(b.lateness.p99()),
            ms(b.lateness.max()),
        );
    }
    out
}

fn rayon_table(rayon: &[RayonRun]) -> String {
    let mut out = String::from(
        "One client sends jobs back to back, each a parallel iterator over about 40 ms of CPU \
         work, run inline or handed to rayon's pool.\n\n\
         | runtime | variant | heartbeat p50 | p99 | max |\n\
         | --- | --- | ---: | ---: | ---: |\n",
    );
    for r in rayon {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            r.flavor,
            r.variant,
            ms(r.lateness.p50()),
            ms(r.lateness.p99()),
            ms(r.lateness.max()),
        );
    }
    out
}

/// The criterion bench's headline: anti against fixed at the highest load, in both groups.
fn headline(criterion: &Path) -> String {
    let mut out = String::new();
    for (question, what) in [
        ("throughput", "time per request"),
        ("lateness", "heartbeat's worst lateness per batch"),
    ] {
        let group = match evidence::criterion::load_group(criterion, &format!("{LAB}/{question}")) {
            Ok(group) => group,
            Err(err) => {
                let _ = writeln!(out, "- `{question}`: no criterion results to read ({err}).");
                continue;
            }
        };
        let Some(load) = group.loads().last().map(|l| l.to_string()) else {
            continue;
        };
        let (Some(anti), Some(fixed)) = (group.get("anti", &load), group.get("fixed", &load))
        else {
            let _ = writeln!(
                out,
                "- `{question}`: anti or fixed is missing at load {load}."
            );
            continue;
        };
        let (a, f) = (anti.headline(), fixed.headline());
        let separated = if a.separated_from(&f) {
            "the 95% confidence intervals do not overlap"
        } else {
            "the 95% confidence intervals overlap: this run cannot tell them apart"
        };
        let _ = writeln!(
            out,
            "- **{question}** at {load} concurrent requests: `anti`'s {what} is {:.1}× `fixed`'s \
             ({} against {}; ratio between {:.1}× and {:.1}× at the ends of the intervals); {separated}.",
            a.point / f.point,
            fmt_ns(a.point),
            fmt_ns(f.point),
            a.lower / f.upper,
            a.upper / f.lower,
        );
    }
    out
}

fn fmt_ns(ns: f64) -> String {
    if ns < 1e6 {
        format!("{:.0} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}

/// The measurements the verdicts are drawn from.
struct Verdicts<'a> {
    pool: &'a BlockingPool,
    slices: &'a [SliceRun],
    freeze: &'a [FreezeRun],
    all_blocked: &'a [AllBlocked],
    burst: &'a [CpuBurst],
    rayon: &'a [RayonRun],
}

impl Verdicts<'_> {
    /// What was measured for the claim `id`, and the verdict.
    fn judge(&self, id: &str) -> (String, String) {
        match id {
            "blocking-pool-500-threads" => self.pool_claim(),
            "await-every-10-100us" => self.slices_claim(),
            "blocking-freezes-runtime" => self.freeze_claim(),
            "workers-added-when-blocked" => self.workers_claim(),
            "spawn-blocking-for-cpu" => self.cpu_claim(),
            "rayon-inline-blocks" => self.rayon_claim(),
            other => (
                format!("nothing: the probe has no experiment for `{other}`"),
                "not measured".into(),
            ),
        }
    }

    fn pool_claim(&self) -> (String, String) {
        let p = self.pool;
        let measured = format!(
            "{} blocking calls at once: at most {} ran at the same time; the process had {} threads before, {} right after, {} once idle threads had timed out",
            p.calls,
            p.peak_concurrent,
            threads(p.threads_before),
            threads(p.threads_after),
            threads(p.threads_after_keep_alive),
        );
        let capped = p.peak_concurrent < p.calls;
        let on_demand = matches!((p.threads_before, p.threads_after), (Some(b), Some(a)) if a > b + p.peak_concurrent / 2);
        let verdict = if capped && on_demand {
            "**Misleading.** It is a ceiling, not a standing pool: threads start on demand, up to \
             `max_blocking_threads` (512 by default), and idle ones exit after `thread_keep_alive` \
             (10 s by default). Calls beyond the ceiling wait in a queue."
        } else {
            "**Not reproduced here**: the pool did not behave as a capped, on-demand pool in this run; see the table."
        };
        (measured, verdict.into())
    }

    fn slices_claim(&self) -> (String, String) {
        let rows: Vec<String> = self
            .slices
            .iter()
            .map(|s| {
                format!(
                    "{} slices: p50 {}, p99 {}",
                    fmt_duration(s.slice),
                    ms(s.lateness.p50()),
                    ms(s.lateness.p99())
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
            "**A sound rule of thumb, not a law.** Every other task on the worker waits up to one \
             slice, so lateness grows with the slice; how much is too much depends on what the \
             neighbours need. Below the timer's millisecond resolution a timer-driven neighbour \
             cannot tell the difference."
        } else {
            "**Inconclusive in this run**: lateness did not grow clearly with the slice; see the table."
        };
        (measured, verdict.into())
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
                    ms(f.lateness.max())
                )
            })
            .collect();
        let measured = format!(
            "heartbeat lateness with 20 ms blocking requests: {}",
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
            (true, true, true) => {
                "**True on a current-thread runtime; on a multi-thread runtime only once every worker \
                 is blocked.** Until then the free workers run everything else, though a task queued \
                 behind a blocked worker waits until another worker steals it."
            }
            (true, _, _) => {
                "**True on a current-thread runtime**; on the multi-thread runtime this run was mixed, see the table."
            }
            _ => "**Not reproduced in this run**; see the table.",
        };
        (measured, verdict.into())
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
                    ms(a.lateness.max())
                )
            })
            .collect();
        let measured = format!("every worker blocked at once: {}", rows.join("; "));
        let plain = self.all_blocked.iter().find(|a| !a.in_place);
        let in_place = self.all_blocked.iter().find(|a| a.in_place);
        let grew = |a: &AllBlocked| matches!((a.threads_before, a.threads_during), (Some(b), Some(d)) if d > b);
        let frozen = |a: &AllBlocked| a.lateness.max() >= Duration::from_millis(50);
        let verdict = match (plain, in_place) {
            (Some(p), Some(i)) if !grew(p) && frozen(p) && grew(i) && !frozen(i) => {
                "**False.** Tokio cannot tell a blocked worker from a busy one and starts no new \
                 worker: the runtime froze. Only `block_in_place`, which tells it, moves the worker's \
                 queue to another thread, and then the heartbeat kept going."
            }
            (Some(p), _) if !grew(p) => {
                "**False**: no thread was added while every worker blocked; the `block_in_place` run was inconclusive."
            }
            _ => "**Not reproduced here**; see the table.",
        };
        (measured, verdict.into())
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
                "{} jobs of 5 ms at once: `spawn_blocking` ran up to {} threads and answered in {} on average (heartbeat p99 {}); rayon's pool ran up to {} threads and answered in {} (p99 {}); inline, the heartbeat's p99 was {}",
                sb.jobs,
                threads(sb.peak_threads),
                ms(sb.mean_latency),
                ms(sb.lateness.p99()),
                threads(pool.peak_threads),
                ms(pool.mean_latency),
                ms(pool.lateness.p99()),
                ms(inline.lateness.p99()),
            ),
            _ => "the CPU burst did not run".to_string(),
        };
        let responsive = matches!((sb, inline), (Some(sb), Some(inline)) if sb.lateness.p99() < inline.lateness.p99());
        let unbounded =
            matches!((sb, pool), (Some(sb), Some(pool)) if sb.peak_threads > pool.peak_threads);
        let verdict = match (responsive, unbounded, sb, pool) {
            (true, true, Some(sb), Some(pool)) => {
                let mut verdict = String::from(
                    "**Half true.** It keeps the worker threads free, but the blocking pool is \
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
            (true, false, ..) => "**True as far as this run shows**: it kept the runtime responsive without extra threads; see the table.".into(),
            _ => "**Not reproduced in this run**; see the table.".into(),
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
        let show = |d: Option<Duration>| d.map_or_else(|| "—".to_string(), ms);
        let measured = format!(
            "heartbeat max lateness next to parallel jobs of about 40 ms of CPU: inline {} (current-thread) and {} (multi-thread); through `rayon::spawn` and a oneshot {} and {}",
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
            "**True.** The iterator's work runs on rayon's threads, but the calling worker parks \
             until it is done. Hand it over with `rayon::spawn` and await a oneshot instead, and \
             catch panics inside the job: one that escapes aborts the process."
        } else {
            "**Not reproduced in this run**; see the table."
        };
        (measured, verdict.into())
    }
}
