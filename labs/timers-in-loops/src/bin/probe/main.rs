//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab timers-in-loops --out <dir> --criterion <dir>
//! --mode quick|full` (the lab kit's [`evidence::ProbeArgs`]). Everything but the bench
//! fragments runs under paused time, so it is exact, the same on every machine, and takes
//! well under a second. It writes:
//!
//! - `rates.md`, `plots/rates.svg`: ticks per minute against the message interval;
//! - `stall.md`: the ticks after a stall, per missed-tick behaviour;
//! - `drift.md`: how late the thousandth tick comes;
//! - `headline.md`, `limit.md`: the `per-message` bench, anti against fixed and fixed
//!   against the loop with no timer;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

mod bench;
mod claims;
mod experiments;
mod plot;
mod tables;

use anyhow::Context as _;
use clap::Parser;
use evidence::{Probe, ProbeArgs};

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    probe.progress("the rate sweep, the stall and the drift, under paused time ...");
    let points = experiments::rate_sweep();
    probe.write("rates.md", &tables::rates(&points))?;
    let (stall, _) = tables::stall(&experiments::stall_scenario());
    probe.write("stall.md", &stall)?;
    probe.write("drift.md", &tables::drift(&experiments::drift()))?;
    let per_message = probe.group("per-message");
    probe.write("headline.md", &bench::headline(&per_message))?;
    probe.write("limit.md", &bench::limit(&per_message))?;
    probe.write_claims(claims::judge)?;
    // In a folder of their own: `cargo xtask report` owns the `.svg` files at the top of the
    // generated folder (one per bench group) and removes any it did not write.
    let plots = probe.out().join("plots");
    let by = format!("the {} probe", probe.lab());
    let svg = plot::rates(&points, probe.lab(), &by, probe.stamp())?;
    evidence::fragment::write_file(&plots, "rates.svg", &svg)
        .with_context(|| format!("cannot write {}", plots.join("rates.svg").display()))?;
    probe.progress(format!(
        "wrote rates.md, plots/rates.svg, stall.md, drift.md, headline.md, limit.md and \
         claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
