//! The lab's probe: what criterion cannot measure, memory and latency over time.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --out <generated dir> --criterion <criterion dir> --mode quick|full`. Each variant
//! runs the lab's [`Scenario`] for real, in a fresh child process (this binary again, with
//! `--child`): events arrive twice as fast as the consumer can handle them, for a few seconds.
//! The child counts every byte the heap holds with a counting global allocator and samples
//! it, with the queue's depth, at a fixed interval. The parent then writes:
//!
//! - `memory.md`, `plots/memory.svg`, `plots/queue.svg`: heap and queue depth over time, and
//!   their growth;
//! - `latency.md`: send-to-receive latency percentiles, and what was delivered, dropped or
//!   left queued;
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those numbers.
//!
//! One process per variant, because the allocator's counter is process-wide: a run must not
//! see the memory an earlier one left to the allocator. The anti-pattern's run stops by itself
//! when its queue reaches a cap, so even a long run cannot exhaust the machine.
//! This probe does not read criterion's output (`--criterion` is accepted for the common
//! interface); the throughput numbers are the bench's own tables.

mod claims;
mod plot;
mod tables;
mod timeline;

use std::alloc::System;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use cap::Cap;
use clap::Parser;
use evidence::{Mode, Stamp};
use unbounded_channels::Variant;
use unbounded_channels::scenario::{Finish, Scenario};
use unbounded_channels::sink::Sink;
use wait_timeout::ChildExt;

use crate::timeline::Run;

/// Every allocation goes through this counter; `allocated()` is the heap in use, in bytes.
/// No limit: the scenario's own cap stops the anti-pattern long before memory runs out.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// The overload: an event every 5 µs (200 000 per second) ...
const ARRIVAL_GAP: Duration = Duration::from_micros(5);
/// ... against a consumer that spends 10 µs on each (100 000 per second).
const SERVICE: Duration = Duration::from_micros(10);
/// Capacity of the bounded variants.
const CAPACITY: usize = 1024;
/// The seatbelt: the run stops generating events when this many are queued (about 100 MiB).
const MAX_QUEUED: u64 = 400_000;
/// Interval between two samples of heap and queue.
const SAMPLE_EVERY: Duration = Duration::from_millis(20);
/// A child that takes longer than this is stuck; none needs a fifth of it.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Measure memory and latency per variant, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    /// Directory to write the fragments into.
    #[arg(long, required_unless_present = "child")]
    out: Option<PathBuf>,
    /// Criterion's output directory (accepted for the common interface; not read here).
    #[arg(long)]
    criterion: Option<PathBuf>,
    /// How long each variant runs: 2 s of arrivals in quick mode, 5 s in full mode.
    #[arg(long, default_value = "manual")]
    mode: Mode,
    /// Internal: run one variant in this process and print its timeline as JSON.
    #[arg(long, hide = true, value_enum)]
    child: Option<Variant>,
    /// Internal: seconds of arrivals, passed to the child.
    #[arg(long, hide = true, default_value_t = 2.0)]
    seconds: f64,
}

fn main() -> std::process::ExitCode {
    // Errors are for people: one line with its causes, not a backtrace.
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("probe: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    if let Some(variant) = args.child {
        let run = run_child(variant, args.seconds)?;
        println!("{}", serde_json::to_string(&run)?);
        return Ok(());
    }
    let out = args.out.expect("required by clap");
    let root = catalogue::workspace_root();
    let entry = catalogue::Catalogue::load(&root)?
        .get("unbounded-channels")?
        .clone();
    let stamp = Stamp::collect(&root, args.mode);
    let seconds = match args.mode {
        Mode::Full => 5.0,
        Mode::Quick | Mode::Manual => 2.0,
    };

    let mut runs = Vec::new();
    for variant in Variant::ALL {
        eprintln!("probe: {variant} ({seconds} s of arrivals) ...");
        runs.push(run_in_child(variant, seconds)?);
    }
    let setup = tables::Setup {
        arrival_gap: ARRIVAL_GAP,
        service: SERVICE,
        capacity: CAPACITY,
        max_queued: MAX_QUEUED,
        sample_every: SAMPLE_EVERY,
        seconds,
    };
    evidence::write_fragment(&out, "memory.md", &stamp, &tables::memory(&runs, &setup))?;
    evidence::write_fragment(&out, "latency.md", &stamp, &tables::latency(&runs, &setup))?;
    // In a folder of their own: `cargo xtask report` owns the `.svg` files at the top of the
    // generated folder (one per bench group) and removes any it did not write.
    let plots = out.join("plots");
    evidence::fragment::write_file(&plots, "memory.svg", &plot::memory(&runs, &stamp)?)?;
    evidence::fragment::write_file(&plots, "queue.svg", &plot::queue(&runs, &stamp)?)?;
    let verdicts = claims::render(&entry, &runs, &setup);
    evidence::write_fragment(&out, "claims.md", &stamp, &verdicts)?;
    println!(
        "probe: wrote memory.md, plots/memory.svg, plots/queue.svg, latency.md and claims.md to {}",
        out.display()
    );
    Ok(())
}

/// Runs one variant in a fresh copy of this process, bounded in time.
fn run_in_child(variant: Variant, seconds: f64) -> anyhow::Result<Run> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["--child", variant.name(), "--seconds", &seconds.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start the probe's child process")?;
    let Some(status) = child.wait_timeout(CHILD_TIME_LIMIT)? else {
        child.kill()?;
        child.wait()?;
        bail!("{variant} did not finish within {CHILD_TIME_LIMIT:?}");
    };
    let output = child.wait_with_output()?;
    if !status.success() {
        bail!("measuring {variant} failed ({status})");
    }
    serde_json::from_slice(&output.stdout).context("the child printed no timeline")
}

/// One variant, in this process: the scenario, sampled from a thread of its own.
fn run_child(variant: Variant, seconds: f64) -> anyhow::Result<Run> {
    // Two workers, so the producer and the spinning consumer each have a core's worth.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()?;
    let events = (seconds / ARRIVAL_GAP.as_secs_f64()) as u64;
    let scenario = Scenario {
        variant,
        capacity: CAPACITY,
        events,
        arrival_gap: ARRIVAL_GAP,
        sink: Sink::Spin(SERVICE),
        max_queued: MAX_QUEUED,
        // The backlog of the anti-pattern would take as long to drain as it took to build.
        finish: Finish::Abandon,
    };
    Ok(
        runtime.block_on(timeline::record(scenario, SAMPLE_EVERY, || {
            ALLOCATOR.allocated()
        })),
    )
}
