//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab fs-for-devices --out <dir> --criterion <dir>
//! --mode quick|full` (the lab kit's [`evidence::ProbeArgs`]). Every experiment runs on real
//! FIFOs and counts from the process (the census in `fs_for_devices::census`, Tokio's runtime
//! metrics); it takes well under a second. It writes:
//!
//! - `idle.md`: where idle readers wait, per variant and runtime flavour;
//! - `file-op.md`: a file operation asked while the silent ports hold a capped pool;
//! - `cancel.md`: what a cancelled read and a dropped port leave behind, and a runtime's drop;
//! - `default-cap.md`: 513 `anti` ports against Tokio's default pool;
//! - `headline.md`, `limit.md`: the `round-trip` bench, anti against fixed and fixed against
//!   the blocking `read(2)`;
//! - `claims.md`: the guides' claims, each judged by these experiments.

mod bench;
mod claims;
mod experiments;
mod tables;

use clap::Parser;
use evidence::{Probe, ProbeArgs};
use fs_for_devices::Variant;

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
    probe.progress("idle ports, file operations, cancelled reads ...");
    probe.write("idle.md", &tables::idle()?)?;
    probe.write("file-op.md", &tables::file_op()?)?;
    let cancelled = tables::cancel()?;
    let anti_shutdown = experiments::shutdown(Variant::Anti)?;
    let fixed_shutdown = experiments::shutdown(Variant::Fixed)?;
    let mut cancel = tables::cancel_table(&cancelled);
    cancel.push('\n');
    cancel.push_str(&tables::shutdown_text(&anti_shutdown, &fixed_shutdown));
    probe.write("cancel.md", &cancel)?;
    probe.progress("513 silent ports on the default pool ...");
    let cap = experiments::default_cap()?;
    probe.write("default-cap.md", &claims::default_cap_text(&cap))?;
    let round_trip = probe.group("round-trip");
    probe.write("headline.md", &bench::headline(&round_trip))?;
    probe.write("limit.md", &bench::limit(&round_trip))?;
    let evidence = claims::Evidence {
        cancelled,
        cap,
        anti_shutdown,
    };
    probe.write_claims(|id| evidence.judge(id))?;
    probe.progress(format!("wrote its fragments to {}", probe.out().display()));
    Ok(())
}
