//! The lab's probe: the compiler's answers and the run-time checks, for the chapter.
//!
//! `cargo xtask book` runs it after the bench as `probe --lab send-sync --out <dir>
//! --criterion <dir> --mode quick|full`. It writes:
//!
//! - `compiled.md`: the std-only compile cases of `tests/`, compiled by this run's rustc, with
//!   its first error for each ([`rustc`]);
//! - `exclusion.md`: what a second caller met in each shareable converter ([`experiments`]);
//! - `limit.md`: `fixed` against the bench's `limit` row, the bare library call;
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from the above and
//!   from criterion's estimates.
//!
//! Modes do not differ: every experiment here is decided by an event or a compiler, not by
//! repetition.

mod claims;
mod experiments;
mod rustc;

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
    probe.progress("compiling the std-only cases with rustc; the exclusion checks");
    let version = rustc::version()?;
    let compiled = rustc::compile_all()?;
    let found = experiments::measure()?;
    probe.write("compiled.md", &rustc::render(&compiled, &version))?;
    probe.write("exclusion.md", &experiments::render(&found))?;
    let call = probe.group("call");
    let limit = match &call {
        Ok(group) => evidence::limit::table(&evidence::limit::rows(group), "input bytes"),
        Err(err) => format!("No criterion results for `call` in this run: {err:#}\n"),
    };
    probe.write("limit.md", &limit)?;
    claims::write(&probe, &compiled, &found, call.as_ref().ok())?;
    probe.progress(format!(
        "wrote compiled.md, exclusion.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
