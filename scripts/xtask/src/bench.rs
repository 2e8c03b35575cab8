//! Running one lab's measurements: its criterion bench, then its probe.
//!
//! The bench is the lab's `benches/<id>.rs` (see `Entry::bench_target`); the probe is the
//! optional `probe` binary of the lab crate, which measures what criterion cannot (thread
//! counts, memory, deadlocks) and writes its own fragments, such as the verdicts on the
//! claims popular guides make.
//!
//! We build before we measure and time the two apart: compiling a bench takes minutes the
//! first time and nothing afterwards, and mixing the two would make "how long does measuring
//! take" meaningless.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use catalogue::Entry;
use evidence::Mode;

use crate::workspace::{self, Workspace};

/// Criterion's arguments for each mode.
///
/// Quick mode has to fit every lab into a few minutes: a lab has about thirty benchmarks,
/// and each costs its warm-up plus its measurement plus criterion's analysis. Measured on the
/// project's two-core machine, these settings take about half a minute for the first lab
/// (28 benchmarks):
///
/// - `--warm-up-time 0.2 --measurement-time 0.7`: enough iterations for a stable mean on
///   anything from nanoseconds to a few milliseconds per iteration;
/// - `--sample-size 30`: criterion's minimum number of iterations grows with the number of
///   samples, and at the default of 100 the slowest anti-pattern benchmarks overran their time
///   several times over; 30 samples still give a usable bootstrap interval;
/// - `--nresamples 10000`: the bootstrap's default of 100 000 resamples spent seconds per lab
///   in analysis, and moves the bounds of a 95% interval by well under a percent.
///
/// Full mode uses criterion's defaults. A group that sets its own times in the bench source
/// (`group.measurement_time(...)`) overrides both, because criterion ranks a group's settings
/// above the command line's.
pub fn criterion_args(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Quick => &[
            "--warm-up-time",
            "0.2",
            "--measurement-time",
            "0.7",
            "--sample-size",
            "30",
            "--nresamples",
            "10000",
        ],
        Mode::Full | Mode::Manual => &[],
    }
}

/// Compiles the lab's bench without running it.
pub fn build(entry: &Entry) -> Result<Duration> {
    workspace::run(workspace::cargo().args(["bench", "--no-run", "--bench", entry.bench_target()]))
}

/// Runs the lab's bench in `mode`; criterion writes its results under `<target>/criterion`.
pub fn measure(entry: &Entry, mode: Mode) -> Result<Duration> {
    let mut command = workspace::cargo();
    command
        .args(["bench", "--bench", entry.bench_target(), "--"])
        .args(criterion_args(mode))
        // A bench may measure fewer loads in quick mode to stay within its time budget.
        .env(evidence::stamp::MODE_ENV, mode.as_str());
    workspace::run(&mut command)
}

/// Removes criterion's earlier results for this lab, before measuring it again.
///
/// Without this, a benchmark that was renamed or dropped from the bench would leave its old
/// numbers behind, and the report would put them in a table beside fresh ones. The price is
/// criterion's "change since last run" line, which the book does not use.
pub fn clear(criterion_dir: &Path, lab: &str) -> Result<()> {
    let groups = match evidence::criterion::load_lab(criterion_dir, lab) {
        Ok(groups) => groups,
        // Nothing measured yet (or nothing for this lab): nothing to clear.
        Err(
            evidence::criterion::Error::NoOutput(_) | evidence::criterion::Error::NotFound { .. },
        ) => return Ok(()),
        Err(err) => return Err(err.into()),
    };
    for measurement in groups.iter().flat_map(|g| &g.measurements) {
        // `dir` is `<benchmark>/new`; its parent also holds `base/` and `change/`.
        let Some(benchmark_dir) = measurement.dir.parent() else {
            continue;
        };
        std::fs::remove_dir_all(benchmark_dir)?;
        // Remove the now-empty folders above it, up to (not including) criterion's own.
        for dir in benchmark_dir
            .ancestors()
            .skip(1)
            .take_while(|d| *d != criterion_dir)
        {
            if std::fs::remove_dir(dir).is_err() {
                break; // not empty: another benchmark still lives there
            }
        }
    }
    Ok(())
}

/// Whether the lab crate has a `probe` binary.
pub fn has_probe(workspace: &Workspace, entry: &Entry) -> bool {
    workspace
        .package(entry.package())
        .is_some_and(|p| p.has_bin("probe"))
}

/// Compiles the lab's probe (optimised: probes measure too).
pub fn build_probe(entry: &Entry) -> Result<Duration> {
    workspace::run(workspace::cargo().args([
        "build",
        "--release",
        "-p",
        entry.package(),
        "--bin",
        "probe",
    ]))
}

/// Runs the lab's probe, which writes its fragments into the lab's generated folder.
pub fn probe(workspace: &Workspace, entry: &Entry, mode: Mode) -> Result<Duration> {
    let mut command = workspace::cargo();
    command
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            entry.package(),
            "--bin",
            "probe",
            "--",
            "--lab",
            &entry.id,
        ])
        .arg("--out")
        .arg(workspace.root.join(entry.generated_dir()))
        .arg("--criterion")
        .arg(workspace.criterion_dir())
        .args(["--mode", mode.as_str()]);
    workspace::run(&mut command)
}
