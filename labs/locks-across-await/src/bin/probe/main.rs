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
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those
//!   results and from criterion's estimates.
//!
//! Everything here runs on paused clocks, so it takes seconds; only the deadlocks of a
//! `std::sync::Mutex`, which block a thread, are watched for a bounded time in real time.

mod claims;
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
    probe.progress("every variant at every load, on a paused clock");
    let runs = virtual_time::measure_all();
    probe.write("virtual-time.md", &virtual_time::render(&runs, probe.lab()))?;
    let batches = match probe.mode {
        Mode::Full => 2_000,
        Mode::Quick | Mode::Manual => 500,
    };
    probe.progress(format!(
        "deadlocks, and {batches} random batches of transfers"
    ));
    let found = deadlocks::measure(batches);
    probe.write("deadlocks.md", &deadlocks::render(&found))?;
    claims::write(&probe, &runs, &found)?;
    probe.progress(format!(
        "wrote virtual-time.md, deadlocks.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
