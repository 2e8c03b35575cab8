//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab graceful-shutdown --out <dir> --criterion <dir>
//! --mode quick|full` (the lab kit's [`evidence::ProbeArgs`]). Everything but the bench
//! fragments runs under paused time, so it is exact, the same on every machine, and takes well
//! under a second. It writes:
//!
//! - `shutdowns.md`: every service over a sweep of schedules (the signal's instant, the seed
//!   of `select!`'s branch order): how many stopped cleanly, hung, skipped a flush, panicked;
//! - `headline.md`, `limit.md`: the bench's `busy` and `idle` groups;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

mod bench;
mod claims;
mod sweep;

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
    probe.progress("every service over a sweep of schedules, under paused time ...");
    let tallies = sweep::all();
    probe.write("shutdowns.md", &sweep::table(&tallies))?;
    let busy = probe.group("busy");
    let idle = probe.group("idle");
    probe.write("headline.md", &bench::headline(&busy, &idle))?;
    probe.write("limit.md", &bench::limit(&idle))?;
    probe.write_claims(|id| claims::judge(id, &tallies))?;
    probe.progress(format!(
        "wrote shutdowns.md, headline.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
