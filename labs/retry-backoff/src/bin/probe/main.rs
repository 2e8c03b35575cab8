//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab retry-backoff --out <dir> --criterion <dir> --mode
//! quick|full`. Everything but the bench fragments is computed from the policies themselves or
//! on a paused clock, so it is exact and the same on every machine (the overflow table says
//! which build it ran in). It writes:
//!
//! - `delays.md`: every variant's first ten waits and its time to give up;
//! - `faults.md`: the rules each variant breaks, each with the first case found;
//! - `overflow.md`: the overflowing policies at the retries where they overflow;
//! - `herd.md`: the thundering herd, per variant;
//! - `headline.md`, `limit.md`: the `first-try` bench;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

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
    // The checks catch the variants' panics on purpose; their messages are not the probe's.
    std::panic::set_hook(Box::new(|_| {}));
    probe.progress("the waits, the rules, the overflows and the herd, on a paused clock ...");
    probe.write("delays.md", &tables::delays())?;
    probe.write("faults.md", &tables::faults())?;
    probe.write("overflow.md", &tables::overflow())?;
    probe.write("herd.md", &tables::herd())?;
    let first_try = probe.group("first-try");
    probe.write("headline.md", &tables::headline(&first_try))?;
    probe.write("limit.md", &tables::limit(&first_try))?;
    probe.write_claims(claims::judge)?;
    probe.progress(format!(
        "wrote delays.md, faults.md, overflow.md, herd.md, headline.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
