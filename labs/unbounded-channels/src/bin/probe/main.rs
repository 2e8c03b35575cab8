//! The lab's probe: what criterion cannot measure, memory and latency over time.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --lab <id> --out <generated dir> --criterion <criterion dir> --mode quick|full`
//! (the lab kit's [`evidence::ProbeArgs`]). Each variant
//! runs the lab's [`Scenario`] for real, in a fresh child process (this binary again, with
//! `--child`): events arrive twice as fast as the consumer can handle them, for a few seconds.
//! The child counts every byte the heap holds with a counting global allocator and samples
//! it, with the queue's depth, at a fixed interval. Events arrive for 1 s in quick mode (the
//! lab's share of the quick budget; fifty samples still draw the line) and 5 s in full mode. The parent then writes:
//!
//! - `memory.md`, `plots/memory.svg`, `plots/queue.svg`: heap and queue depth over time, and
//!   their growth;
//! - `latency.md`: send-to-receive latency percentiles, and what was delivered, dropped or
//!   left queued;
//! - `limit.md`: `fixed` against the bench's `limit` row (a bare Tokio bounded channel) in
//!   the `fast-consumer` group, read from criterion's output;
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those numbers.
//!
//! One process per variant, because the allocator's counter is process-wide: a run must not
//! see the memory an earlier one left to the allocator. The anti-pattern's run stops by itself
//! when its queue reaches a cap, so even a long run cannot exhaust the machine.
//! Of criterion's output this probe reads only the `fast-consumer` group, for `limit.md`;
//! the throughput numbers themselves are the bench's own tables.

mod against_limit;
mod claims;
mod plot;
mod tables;
mod timeline;

use std::alloc::System;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use cap::Cap;
use clap::Parser;
use evidence::number::duration;
use evidence::{Mode, Probe, ProbeArgs};
use unbounded_channels::scenario::{Finish, Scenario};
use unbounded_channels::sink::Sink;
use unbounded_channels::{Variant, Variants};
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
/// The seatbelt: the run stops generating events when this many are queued (about 100 MiB
/// of events; `spawned-send`'s parked tasks cost more, which the memory table shows).
const MAX_QUEUED: u64 = 400_000;
/// Interval between two samples of heap and queue.
const SAMPLE_EVERY: Duration = Duration::from_millis(20);
/// A child that takes longer than this is stuck; none needs a fifth of it.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Measure memory and latency per variant, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
    /// Internal: run one variant in this process and print its timeline as JSON.
    #[arg(long, hide = true, value_enum)]
    child: Option<Variant>,
    /// Internal: seconds of arrivals, passed to the child.
    #[arg(long, hide = true, default_value_t = 2.0)]
    seconds: f64,
}

fn main() -> ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    if let Some(variant) = args.child {
        let run = run_child(variant, args.seconds)?;
        evidence::say!("{}", serde_json::to_string(&run)?)?;
        return Ok(());
    }
    let probe = Probe::start(&args.probe)?;
    // The stamp under the plots: the one `Probe::write` puts under every fragment.
    let stamp = probe.stamp();
    let seconds = match probe.mode {
        Mode::Full => 5.0,
        Mode::Quick | Mode::Manual => 1.0,
    };

    let mut runs = Vec::new();
    for &variant in Variant::all() {
        probe.progress(format!(
            "{variant} ({} of arrivals) ...",
            duration(Duration::from_secs_f64(seconds))
        ));
        runs.push(run_in_child(&args.probe, variant, seconds)?);
    }
    let setup = tables::Setup {
        arrival_gap: ARRIVAL_GAP,
        service: SERVICE,
        capacity: CAPACITY,
        max_queued: MAX_QUEUED,
        sample_every: SAMPLE_EVERY,
        seconds,
    };
    probe.write("memory.md", &tables::memory(&runs, &setup))?;
    probe.write("latency.md", &tables::latency(&runs, &setup))?;
    probe.write(
        "limit.md",
        &against_limit::render(&probe.group("fast-consumer")),
    )?;
    // In a folder of their own: `cargo xtask report` owns the `.svg` files at the top of the
    // generated folder (one per bench group) and removes any it did not write.
    let plots = probe.out().join("plots");
    let by = format!("the {} probe", probe.lab());
    for (name, svg) in [
        ("memory.svg", plot::memory(&runs, probe.lab(), &by, stamp)?),
        ("queue.svg", plot::queue(&runs, probe.lab(), &by, stamp)?),
    ] {
        evidence::fragment::write_file(&plots, name, &svg)
            .with_context(|| format!("cannot write {}", plots.join(name).display()))?;
    }
    claims::write(&probe, &runs, &setup)?;
    probe.progress(format!(
        "wrote memory.md, plots/memory.svg, plots/queue.svg, latency.md, limit.md and claims.md \
         to {}",
        probe.out().display()
    ));
    Ok(())
}

/// Runs one variant in a fresh copy of this process, bounded in time.
/// The child takes the parent's own arguments (clap requires them) plus the variant.
fn run_in_child(probe: &ProbeArgs, variant: Variant, seconds: f64) -> anyhow::Result<Run> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["--lab", &probe.lab, "--mode", probe.mode.as_str()])
        .arg("--out")
        .arg(&probe.out)
        .args([
            "--child",
            &variant.name(),
            "--seconds",
            &seconds.to_string(),
        ])
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
        // The events are the measure here, and the run is short: no memory cap beyond the
        // seatbelt, and `fixed` sends every event, however late, so its lag shows in full.
        heap_cap: None,
        arrivals_end: None,
        // The backlog of the anti-pattern would take as long to drain as it took to build.
        finish: Finish::Abandon,
    };
    Ok(
        runtime.block_on(timeline::record(scenario, SAMPLE_EVERY, || {
            ALLOCATOR.allocated()
        })),
    )
}
