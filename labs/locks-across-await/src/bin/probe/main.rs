//! The lab's probe: measurements for the chapter that criterion does not make.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --lab <id> --out <generated dir> --criterion <criterion dir> --mode quick|full`
//! (the lab kit's [`evidence::ProbeArgs`]). It writes:
//!
//! - `virtual-time.md`: every variant at 1 to 64 tasks, with spread and hot keys, on a paused
//!   clock: how many round trips the workload took, how many calls the remote received, and
//!   how much money went missing. Exact, because virtual time is;
//! - `deadlocks.md`: which set-ups deadlock, how each deadlock was detected, and how often
//!   random batches of transfers deadlock in each lock order (2 000 batches in full mode,
//!   500 otherwise);
//! - `limit.md`: `fixed` against the bench's `limit` row (the same round trips with no
//!   ledger), at every load criterion measured, and what the difference is made of;
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those
//!   results, from criterion's estimates, and from the recorded tokio-console captures of the
//!   demo (`console.rs`).
//!
//! Everything here runs on paused clocks, so it takes about a second; only the deadlocks of a
//! `std::sync::Mutex`, which block a thread, are watched for a bounded time in real time, all
//! at once, each on a thread of its own.

mod against_limit;
mod claims;
mod console;
mod deadlocks;
mod virtual_time;

use std::process::ExitCode;

use clap::Parser;
use evidence::{Mode, Probe, ProbeArgs};

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

fn main() -> ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    let batches = match probe.mode {
        Mode::Full => 2_000,
        Mode::Quick | Mode::Manual => 500,
    };
    probe.progress(format!(
        "every variant at every load on a paused clock; the deadlocks, and {batches} random \
         batches of transfers"
    ));
    // Side by side: the blocked threads of both are watched in real time, and waiting for one
    // after the other would only add up those waits.
    let (runs, found) = std::thread::scope(|scope| {
        let found = scope.spawn(|| deadlocks::measure(batches));
        let runs = virtual_time::measure_all();
        let found = found
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (runs, found)
    });
    probe.write("virtual-time.md", &virtual_time::render(&runs, probe.lab()))?;
    probe.write("deadlocks.md", &deadlocks::render(&found))?;
    let throughput = probe.group("throughput");
    probe.write(
        "limit.md",
        &against_limit::render(&throughput, &probe.group("uncontended")),
    )?;
    let console = console::read(&probe.root, probe.lab(), &probe.entry.lab_dir());
    claims::write(&probe, &runs, &found, &console)?;
    probe.progress(format!(
        "wrote virtual-time.md, deadlocks.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
