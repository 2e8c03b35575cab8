//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab unbounded-concurrency --out <dir> --criterion <dir> --mode
//! quick|full`. scaffold: replace with the lab's experiments; each verdict is computed from
//! this run's measurements, never typed.

use clap::Parser;
use evidence::{Probe, ProbeArgs, Ratio, Verdict};

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
    let calls = probe.group("calls")?;
    let ratio = match (calls.get("anti", "1"), calls.get("fixed", "1")) {
        (Some(anti), Some(fixed)) => Some(Ratio::of(&anti.headline(), &fixed.headline())),
        _ => None,
    };
    probe.write_claims(|id| match id {
        "scaffold-claim" => Some(match ratio {
            Some(ratio) => Verdict::new(format!("anti/fixed: {}", ratio.with_range()), "scaffold"),
            None => Verdict::not_measured("no criterion results"),
        }),
        _ => None,
    })
}
