//! The lab's probe: measurements for the chapter that criterion does not make.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --lab runtime-per-call --out <generated dir> --criterion <criterion dir> --mode quick|full`.
//! It writes:
//!
//! - `footprint.md`: threads and resident memory per variant, with 1, 8 and 32 host threads;
//! - `headline.md`: the headline measured twice as a paired ratio (`anti` and `fixed` timed
//!   in alternation), the single-caller ratios from criterion (`anti` to `fixed`, `fixed` to
//!   its limit) and the context switches per call behind the gap ([`headline`]);
//! - `placement.md`: `fixed` against its limit with every thread on one core and with the
//!   threads free to move, each in a fresh child process ([`placement_table`]);
//! - `claims.md`: a verdict on each claim of the catalogue entry, computed from those
//!   numbers, from criterion's estimates and from the small experiments of
//!   [`runtime_facts`] and [`compile_check`].
//!
//! Resident memory is process-wide, and a CPU pin is inherited by every thread started after
//! it, so footprints and placements are measured in fresh child processes: this same binary,
//! started as `probe --child footprint <variant> <callers>` or
//! `probe --child placement <placement>`, bounded in time so that nothing can hang.

mod claims;
mod compile_check;
mod footprint_table;
mod headline;
mod placement_table;
mod runtime_facts;

use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use evidence::{Probe, ProbeArgs, Variants};
use runtime_per_call::Variant;
use runtime_per_call::footprint;
use runtime_per_call::placement::Placement;
use serde::de::DeserializeOwned;
use wait_timeout::ChildExt;

/// Host threads per footprint: one caller, a typical host pool, and a large one (per-thread costs show best there).
const CALLERS: [u16; 3] = [1, 8, 32];
/// Calls each host thread makes before the reading.
const CALLS: u64 = 100;
/// A child that takes longer than this is stuck; no variant needs a tenth of it.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(60);
/// The flag that starts the child mode; the parent always passes it first.
const CHILD_FLAG: &str = "--child";

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

/// Internal: make one measurement in this process and print it as JSON on stdout.
///
/// A command line of its own rather than a flag of [`Args`]: the child needs neither `--lab`
/// nor `--out`, which the probe's own command line requires.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct ChildArgs {
    /// Marks the child mode.
    #[arg(long, required = true)]
    child: bool,
    #[command(subcommand)]
    measure: ChildMeasure,
}

/// What a child measures.
#[derive(Debug, Subcommand)]
enum ChildMeasure {
    /// Threads and resident memory of one bridge with some host threads calling in.
    Footprint {
        /// The bridge to measure.
        #[arg(value_enum)]
        variant: Variant,
        /// Host threads calling in.
        #[arg(value_parser = clap::value_parser!(u16).range(1..=64))]
        callers: u16,
    },
    /// `fixed` against its limit, with the threads placed as asked.
    Placement {
        #[arg(value_enum)]
        placement: Placement,
    },
}

fn main() -> ExitCode {
    // Only the parent starts a child, and it puts the flag first: no other way in.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|first| first == CHILD_FLAG)
    {
        return evidence::cli::main(run_child);
    }
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    let mut footprints = Vec::new();
    for &variant in Variant::all() {
        for callers in CALLERS {
            probe.progress(format_args!(
                "footprint of {variant} with {callers} callers"
            ));
            footprints.push(measure_in_child(
                &["footprint", &variant.name(), &callers.to_string()],
                &format!("the footprint of {variant} with {callers} callers"),
            )?);
        }
    }
    probe.write("footprint.md", &footprint_table::render(&footprints))?;

    // Two paired runs with the hop counts between them, so that they are not back to back:
    // agreeing is then evidence that the headline reproduces, not that one run was split.
    // A run first whose numbers are thrown away, as criterion warms up: the first run after
    // the footprints' child processes came out slower on `fixed`, every time.
    probe.progress("the paired headline, warming up");
    let _ = headline::paired_run();
    probe.progress("the paired headline, run 1");
    let first = headline::paired_run();
    probe.progress("context switches per call");
    let hops = headline::count_hops();
    probe.progress("the paired headline, run 2");
    let second = headline::paired_run();
    probe.write(
        "headline.md",
        &headline::render([&first, &second], &probe.group("single-caller"), &hops),
    )?;

    let mut placements = Vec::new();
    for placement in Placement::ALL {
        probe.progress(format_args!(
            "fixed against its limit on {}",
            placement.name()
        ));
        placements.push(measure_in_child(
            &["placement", placement.name()],
            &format!("fixed against its limit on {}", placement.name()),
        )?);
    }
    probe.write("placement.md", &placement_table::render(&placements))?;

    probe.progress("runtime experiments and the compile check");
    let facts = claims::Facts {
        footprints: &footprints,
        callers: probe.group("callers"),
        current_thread: runtime_facts::current_thread_threads(),
        without_drivers: runtime_facts::without_drivers(),
        concurrent: runtime_facts::concurrent_thread_local(8, 200),
        blocking: runtime_facts::blocking_inside_block_on(),
        compiled: compile_check::run(&std::env::current_exe()?),
    };
    probe.write_claims(|id| facts.judge(id))?;
    probe.progress(format_args!(
        "wrote footprint.md, headline.md, placement.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}

/// Runs one measurement in a fresh copy of this process and reads what it printed.
fn measure_in_child<T: DeserializeOwned>(args: &[&str], what: &str) -> anyhow::Result<T> {
    let mut child = Command::new(std::env::current_exe()?)
        .arg(CHILD_FLAG)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start the probe's child process")?;
    let Some(status) = child.wait_timeout(CHILD_TIME_LIMIT)? else {
        child.kill()?;
        child.wait()?;
        bail!("measuring {what} did not finish within {CHILD_TIME_LIMIT:?}");
    };
    // The child prints one short JSON line, far below a pipe's buffer, so it never blocked on
    // a full stdout while we waited for it to exit.
    let output = child.wait_with_output()?;
    if !status.success() {
        bail!("measuring {what} failed ({status})");
    }
    serde_json::from_slice(&output.stdout)
        .with_context(|| format!("measuring {what} printed nothing readable"))
}

fn run_child(args: ChildArgs) -> anyhow::Result<()> {
    let line = match args.measure {
        ChildMeasure::Footprint { variant, callers } => {
            serde_json::to_string(&footprint::measure(variant, usize::from(callers), CALLS)?)?
        }
        ChildMeasure::Placement { placement } => {
            serde_json::to_string(&placement_table::measure(placement)?)?
        }
    };
    evidence::say!("{line}")?;
    Ok(())
}
