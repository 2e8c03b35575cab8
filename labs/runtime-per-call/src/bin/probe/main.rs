//! The lab's probe: measurements for the chapter that criterion does not make.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --out <generated dir> --criterion <criterion dir> --mode quick|full`. It writes:
//!
//! - `footprint.md`: threads and resident memory per variant, with 1, 8 and 32 host threads;
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those
//!   numbers and from criterion's estimates.
//!
//! Resident memory is process-wide, so every footprint is taken in a fresh child process
//! (this same binary, started with `--child`), bounded in time so that nothing can hang.

mod claims;
mod footprint_table;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Parser;
use evidence::{Mode, Stamp};
use runtime_per_call::Variant;
use runtime_per_call::footprint::{self, Footprint};
use wait_timeout::ChildExt;

/// Host threads per footprint: one caller, a typical host pool, and a large one (per-thread costs show best there).
const CALLERS: [usize; 3] = [1, 8, 32];
/// Calls each host thread makes before the reading.
const CALLS: u64 = 100;
/// A child that takes longer than this is stuck; no variant needs a tenth of it.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    /// Directory to write the markdown fragments into.
    #[arg(long, required_unless_present = "child")]
    out: Option<PathBuf>,
    /// Criterion's output directory (`<target>/criterion`), for the claims that need timings.
    #[arg(long, required_unless_present = "child")]
    criterion: Option<PathBuf>,
    /// How the bench was run; recorded in the stamp.
    #[arg(long, default_value = "manual")]
    mode: Mode,
    /// Internal: measure one footprint in this process and print it as JSON.
    #[arg(long, hide = true, num_args = 2, value_names = ["VARIANT", "CALLERS"])]
    child: Option<Vec<String>>,
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
    if let Some(child) = args.child {
        return run_child(&child);
    }
    let (out, criterion) = (
        args.out.expect("required by clap"),
        args.criterion.expect("required"),
    );
    let root = catalogue::workspace_root();
    let entry = catalogue::Catalogue::load(&root)?
        .get("runtime-per-call")?
        .clone();
    let stamp = Stamp::collect(&root, args.mode);

    let mut footprints = Vec::new();
    for variant in Variant::ALL {
        for callers in CALLERS {
            footprints.push(measure_in_child(variant, callers)?);
        }
    }
    let table = footprint_table::render(&footprints);
    evidence::write_fragment(&out, "footprint.md", &stamp, &table)?;
    let verdicts = claims::render(&entry, &footprints, &criterion);
    evidence::write_fragment(&out, "claims.md", &stamp, &verdicts)?;
    println!(
        "probe: wrote footprint.md and claims.md to {}",
        out.display()
    );
    Ok(())
}

/// Runs one footprint measurement in a fresh copy of this process.
fn measure_in_child(variant: Variant, callers: usize) -> anyhow::Result<Footprint> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["--child", variant.name(), &callers.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start the probe's child process")?;
    let Some(status) = child.wait_timeout(CHILD_TIME_LIMIT)? else {
        child.kill()?;
        child.wait()?;
        bail!(
            "measuring {variant} with {callers} callers did not finish within {CHILD_TIME_LIMIT:?}"
        );
    };
    let output = child.wait_with_output()?;
    if !status.success() {
        bail!("measuring {variant} with {callers} callers failed ({status})");
    }
    serde_json::from_slice(&output.stdout).context("the child printed no footprint")
}

fn run_child(args: &[String]) -> anyhow::Result<()> {
    use clap::ValueEnum;
    let variant = Variant::from_str(&args[0], false).map_err(anyhow::Error::msg)?;
    let callers: usize = args[1].parse()?;
    let measured = footprint::measure(variant, callers, CALLS)?;
    println!("{}", serde_json::to_string(&measured)?);
    Ok(())
}
