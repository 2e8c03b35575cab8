//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab timeouts-dont-stop-work --out <dir> --criterion
//! <dir> --mode quick|full` (the lab kit's [`evidence::ProbeArgs`]). Everything but the bench
//! fragments runs on the paused clock ([`timeouts_dont_stop_work::Scenario`]), so it is exact,
//! the same on every machine, and takes a fraction of a second. It writes:
//!
//! - `paused.md`: every handler on the lab's request: its answer, when, and what its copies
//!   of the job did, with the blocking pool's threads from Tokio's runtime metrics;
//! - `retries.md`: `blocking-retry` against `fixed` after 1 to 6 attempts;
//! - `headline.md`, `limit.md`: the `give-up` bench, anti against fixed and fixed against the
//!   timer with nothing to stop;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

mod bench;
mod claims;
mod tables;

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
    probe.progress("every handler on the paused clock ...");
    probe.write("paused.md", &tables::give_up())?;
    probe.write("retries.md", &tables::retries())?;
    let give_up = probe.group("give-up");
    probe.write("headline.md", &bench::headline(&give_up))?;
    probe.write("limit.md", &bench::limit(&give_up))?;
    probe.write_claims(claims::judge)?;
    probe.progress(format!(
        "wrote paused.md, retries.md, headline.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
