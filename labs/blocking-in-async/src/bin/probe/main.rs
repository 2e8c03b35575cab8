//! The lab's measurements for the book:
//! `probe --lab blocking-in-async --out <dir> --criterion <dir> --mode quick|full`.
//!
//! `cargo xtask book` runs it after the criterion bench. It writes markdown fragments into
//! `--out` (`book/src/generated/blocking-in-async/`), each ending with the stamp of the
//! machine, toolchain, date and commit:
//!
//! - `heartbeat.md`: every variant under a steady load on both runtime flavours: the
//!   heartbeat's p50, p99 and worst lateness and the requests per second ([`variant_tables`]).
//! - `metrics.md`: what tokio-metrics' task monitors saw in the same runs.
//! - `headline.md`: the criterion bench's headline ratios, with their confidence intervals
//!   ([`headline`]).
//! - `pool.md`, `slices.md`, `freeze.md`, `all-blocked.md`, `cpu-burst.md`, `rayon.md`: the
//!   experiments behind the verdicts on the guides' claims ([`experiment_tables`]).
//! - `oversized.md`: `worker_threads(16)` against the default, each in a fresh child process
//!   (this binary, started as `probe --child <workers>`), since memory is process-wide.
//! - `claims.md`: one row per claim in `anti-patterns/blocking-in-async.toml` ([`claims`]).
//!
//! Quick mode keeps every run short (the whole probe takes a few seconds); full mode runs
//! each one longer for steadier percentiles.

mod claims;
mod experiment_tables;
mod headline;
mod variant_tables;

use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use blocking_in_async::experiments::{self, OversizedPool, Setup};
use blocking_in_async::work::{self, Calibrated};
use blocking_in_async::{Flavor, Job, Variants};
use clap::Parser;
use evidence::number::duration;
use evidence::{Mode, Probe, ProbeArgs};

use crate::claims::Verdicts;

/// How long each request of the freeze experiment blocks its worker.
pub const FREEZE_PAUSE: Duration = Duration::from_millis(20);
/// How long each call of the blocking-pool experiment holds its thread.
pub const POOL_HOLD: Duration = Duration::from_millis(50);
/// What one job of the CPU burst costs.
pub const BURST_JOB: Duration = Duration::from_millis(5);
/// What one parallel job of the rayon experiment costs in CPU: about 20 ms of wall time on two
/// cores, far above the timer's millisecond floor.
pub const RAYON_JOB: Duration = Duration::from_millis(40);

/// The oversized pool the guides warn about: `worker_threads(16)`.
pub const OVERSIZED_WORKERS: usize = 16;
/// Small tasks each oversized-pool child runs.
const OVERSIZED_TASKS: usize = 20_000;
/// A child that takes longer than this is stuck; the workload needs a fraction of a second.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(30);
/// The flag that starts the child mode; the parent always passes it first.
const CHILD_FLAG: &str = "--child";

/// Write the lab's measured fragments for the book.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
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
            // 100 ms a run: every variant runs twice (once per flavour), so this is most of
            // the quick probe's time, and 100 ms still holds 100 heartbeat deadlines.
            Mode::Quick | Mode::Manual => Budget {
                run: Duration::from_millis(100),
                experiment: Duration::from_millis(150),
                hold: Duration::from_millis(200),
            },
        }
    }
}

/// Internal: run the oversized-pool workload in this process and print it as one line.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct ChildArgs {
    /// Marks the child mode.
    #[arg(long, required = true)]
    child: bool,
    /// Worker threads; 0 for Tokio's default.
    workers: usize,
}

fn main() -> ExitCode {
    // Only the parent starts a child, and it puts the flag first: no other way in.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|first| first == CHILD_FLAG)
    {
        return evidence::cli::main(run_child);
    }
    evidence::cli::main(run)
}

fn run_child(args: ChildArgs) -> anyhow::Result<()> {
    let workers = (args.workers > 0).then_some(args.workers);
    let measured = experiments::oversized_pool(workers, OVERSIZED_TASKS)?;
    evidence::say!("{}", measured.to_line())?;
    Ok(())
}

/// Runs the oversized-pool workload in a fresh copy of this process.
fn oversized_in_child(workers: usize) -> anyhow::Result<OversizedPool> {
    let mut child = Command::new(std::env::current_exe()?)
        .args([CHILD_FLAG, &workers.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start the probe's child process")?;
    // Polled rather than waited on, so that a stuck child is killed instead of hanging the
    // book build; the poll interval is nothing next to the child's run.
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > CHILD_TIME_LIMIT {
            child.kill()?;
            child.wait()?;
            bail!(
                "the oversized-pool child ({workers} workers) did not finish in {CHILD_TIME_LIMIT:?}"
            );
        }
        std::thread::park_timeout(Duration::from_millis(10));
    };
    // One short line, far below a pipe's buffer: the child never blocked on stdout.
    let output = child.wait_with_output()?;
    if !status.success() {
        bail!("the oversized-pool child ({workers} workers) failed ({status})");
    }
    let line = String::from_utf8_lossy(&output.stdout);
    OversizedPool::from_line(line.trim()).context("the child printed no measurement")
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    let budget = Budget::for_mode(probe.mode);

    // Every request costs about a millisecond of its kind of work on this machine.
    let cost = Duration::from_millis(1);
    let calibrated = Calibrated::new(cost, true).context("calibrating the work")?;
    let workers = Flavor::MultiThread.workers();
    let setup = Setup {
        job: calibrated.job.clone(),
        run: budget.run,
        // Four connections per worker: more requests in flight than workers, as in any
        // loaded service, and enough to block every worker at once.
        clients: 4 * workers,
    };
    probe.progress(format_args!(
        "heartbeat runs ({} each)",
        duration(budget.run)
    ));
    let mut runs = Vec::new();
    for &flavor in Flavor::all() {
        runs.extend(experiments::every_variant(flavor, &setup)?);
    }
    probe.write(
        "heartbeat.md",
        &variant_tables::heartbeat(&runs, &setup, &calibrated),
    )?;
    probe.write("metrics.md", &variant_tables::metrics(&runs))?;

    probe.progress("experiments for the claims");
    let pool = experiments::blocking_pool(600, POOL_HOLD)?;
    let slices = experiments::slices(
        &[10, 100, 1_000, 10_000].map(Duration::from_micros),
        budget.experiment,
    )?;
    // The freeze experiment pauses 20 ms per request: far above the timer's millisecond floor
    // and the few milliseconds a busy machine adds.
    let freeze = experiments::freeze(&Job::new(0).with_pause(FREEZE_PAUSE), budget.experiment)?;
    let all_blocked = experiments::all_workers_blocked(budget.hold)?;
    let burst_job = calibrated
        .job
        .clone()
        .with_rounds(work::rounds_for(BURST_JOB));
    let burst = experiments::cpu_burst(&burst_job, 8 * workers)?;
    let rayon_job = calibrated
        .job
        .clone()
        .with_rounds(work::rounds_for(RAYON_JOB));
    let rayon = experiments::rayon_long(&rayon_job, budget.experiment)?;

    let oversized = vec![
        oversized_in_child(0)?,
        oversized_in_child(OVERSIZED_WORKERS)?,
    ];

    probe.write("pool.md", &experiment_tables::pool(&pool))?;
    probe.write("oversized.md", &experiment_tables::oversized(&oversized))?;
    probe.write("slices.md", &experiment_tables::slices(&slices))?;
    probe.write("freeze.md", &experiment_tables::freeze(&freeze))?;
    probe.write(
        "all-blocked.md",
        &experiment_tables::all_blocked(&all_blocked),
    )?;
    probe.write("cpu-burst.md", &experiment_tables::cpu_burst(&burst))?;
    probe.write("rayon.md", &experiment_tables::rayon(&rayon))?;
    probe.write("headline.md", &headline::render(&probe))?;

    let verdicts = Verdicts {
        pool: &pool,
        slices: &slices,
        freeze: &freeze,
        all_blocked: &all_blocked,
        burst: &burst,
        rayon: &rayon,
        oversized: &oversized,
    };
    probe.write_claims(|id| verdicts.judge(id))?;
    probe.progress(format_args!("wrote {}", probe.out().display()));
    Ok(())
}

/// A thread count that could not be read (`/proc` is Linux only) says so.
pub fn threads(n: Option<usize>) -> String {
    n.map_or_else(
        || "unknown".to_string(),
        |n| evidence::number::count(n as u64),
    )
}
