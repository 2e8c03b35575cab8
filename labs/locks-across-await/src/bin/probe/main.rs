//! The lab's probe: measurements for the chapter that criterion does not make.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --out <generated dir> --criterion <criterion dir> --mode quick|full`. It writes:
//!
//! - `virtual-time.md`: every variant at 1 to 64 tasks, with spread and hot keys, on a paused
//!   clock: how many round trips the workload took, how many calls the remote received, and
//!   how much money went missing. Exact, because virtual time is;
//! - `deadlocks.md`: which set-ups deadlock, how each deadlock was detected, and how often
//!   random batches of transfers deadlock in each lock order;
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those
//!   results and from criterion's estimates.
//!
//! Everything here runs on paused clocks, so it takes seconds; only the deadlocks of a
//! `std::sync::Mutex`, which block a thread, are watched for a bounded time in real time.

mod claims;
mod deadlocks;
mod virtual_time;

use std::path::PathBuf;

use clap::Parser;
use evidence::{Mode, Stamp};

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    /// Directory to write the markdown fragments into.
    #[arg(long)]
    out: PathBuf,
    /// Criterion's output directory (`<target>/criterion`), for the claims that need timings.
    #[arg(long)]
    criterion: PathBuf,
    /// How the bench was run; recorded in the stamp, and sets how many random batches of
    /// transfers the deadlock count tries.
    #[arg(long, default_value = "manual")]
    mode: Mode,
}

fn main() -> std::process::ExitCode {
    // Errors are for people: one line with its causes, not a backtrace.
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("probe: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    let root = catalogue::workspace_root();
    let entry = catalogue::Catalogue::load(&root)?
        .get("locks-across-await")?
        .clone();
    let stamp = Stamp::collect(&root, args.mode);

    let runs = virtual_time::measure_all();
    evidence::write_fragment(
        &args.out,
        "virtual-time.md",
        &stamp,
        &virtual_time::render(&runs),
    )?;
    let batches = match args.mode {
        Mode::Full => 2_000,
        Mode::Quick | Mode::Manual => 500,
    };
    let found = deadlocks::measure(batches);
    evidence::write_fragment(
        &args.out,
        "deadlocks.md",
        &stamp,
        &deadlocks::render(&found),
    )?;
    let verdicts = claims::render(&entry, &runs, &found, &args.criterion);
    evidence::write_fragment(&args.out, "claims.md", &stamp, &verdicts)?;
    println!(
        "probe: wrote virtual-time.md, deadlocks.md and claims.md to {}",
        args.out.display()
    );
    Ok(())
}
