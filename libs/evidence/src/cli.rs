//! The skeleton every lab's `probe` and `demo` binary stands on.
//!
//! A probe is the part of a lab's measurement that criterion does not make (footprints,
//! heartbeats, experiments behind the claims). `cargo xtask book` runs each one as
//!
//! ```text
//! probe --lab <id> --out <generated dir> --criterion <target>/criterion --mode quick|full
//! ```
//!
//! and [`ProbeArgs`] is that command line, flattened into each probe's own `Args`. From it
//! [`Probe::start`] finds the workspace, the lab's catalogue entry and the stamp, and checks
//! that `--out` can be written *before* anything is measured: a typo in a path should cost a
//! second, not a whole run. [`main`] is the one `fn main` of every probe and demo: errors
//! become one line with their causes, and a reader who pipes a demo into `head` sees it stop
//! quietly instead of a panic about a broken pipe.

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use catalogue::{Catalogue, Entry};
use clap::Parser;

use crate::claims::{self, Verdict};
use crate::criterion::{self, Group};
use crate::stamp::{Mode, Stamp};

/// Parses the command line, runs `run`, and turns its error into one line on stderr.
///
/// The line starts with the program's name (`probe: error: ...`). An error caused by a
/// closed stdout (`demo | head -1`) ends the program quietly with success: the reader got
/// what they asked for.
pub fn main<A: Parser>(run: impl FnOnce(A) -> Result<()>) -> ExitCode {
    let args = A::parse();
    let name = A::command().get_name().to_string();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{name}: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the error comes from writing to a pipe nobody reads any more.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io| io.kind() == ErrorKind::BrokenPipe)
}

/// Writes one line to stdout, returning the error instead of panicking on a closed pipe.
///
/// `println!` panics when stdout is closed; demos print through this (or `writeln!`) so
/// that [`main`] can tell a reader's `| head` from a real failure.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        ::std::writeln!(::std::io::stdout(), $($arg)*)
    }};
}

/// The command line `cargo xtask book` gives every probe.
#[derive(Debug, Clone, clap::Args)]
pub struct ProbeArgs {
    /// The lab to measure, by its catalogue id.
    #[arg(long)]
    pub lab: String,
    /// Where to write the markdown fragments (the lab's `book/src/generated/<id>/`).
    #[arg(long)]
    pub out: PathBuf,
    /// Criterion's output directory (`<target>/criterion`), for the verdicts that need timings.
    #[arg(long)]
    pub criterion: Option<PathBuf>,
    /// `quick` for short runs, `full` for longer ones; recorded in the stamp.
    #[arg(long, default_value = "quick")]
    pub mode: Mode,
}

/// A probe run: where it writes, what it reads, and the stamp under everything it writes.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The lab's catalogue entry.
    pub entry: Entry,
    /// The workspace root, found from the current directory.
    pub root: PathBuf,
    /// The measurement mode.
    pub mode: Mode,
    /// Where fragments go.
    out: PathBuf,
    criterion: Option<PathBuf>,
    stamp: Stamp,
}

impl Probe {
    /// Checks the arguments and collects the stamp; fails before anything is measured.
    pub fn start(args: &ProbeArgs) -> Result<Probe> {
        let root = catalogue::workspace_root()?;
        let entry = Catalogue::load(&root)?.get(&args.lab)?.clone();
        check_writable(&args.out)?;
        Ok(Probe {
            stamp: Stamp::collect(&root, args.mode),
            entry,
            root,
            mode: args.mode,
            out: args.out.clone(),
            criterion: args.criterion.clone(),
        })
    }

    /// The stamp every fragment of this run carries (for a plot the probe draws itself).
    pub fn stamp(&self) -> &Stamp {
        &self.stamp
    }

    /// The lab's id.
    pub fn lab(&self) -> &str {
        &self.entry.id
    }

    /// Says what the probe is doing, on stderr (stdout stays free for a caller to read).
    pub fn progress(&self, what: impl std::fmt::Display) {
        eprintln!("probe {}: {what}", self.lab());
    }

    /// Writes `<out>/<name>`: `body` followed by the stamp.
    pub fn write(&self, name: &str, body: &str) -> Result<()> {
        crate::write_fragment(&self.out, name, &self.stamp, body)
            .with_context(|| format!("cannot write {}", self.out.join(name).display()))?;
        Ok(())
    }

    /// Writes `claims.md`: one verdict per claim of the catalogue entry (see [`claims::table`]).
    pub fn write_claims(&self, judge: impl FnMut(&str) -> Option<Verdict>) -> Result<()> {
        self.write("claims.md", &claims::table(&self.entry, judge))
    }

    /// Criterion's measurements of the group `<lab>/<question>`.
    pub fn group(&self, question: &str) -> Result<Group> {
        let Some(dir) = &self.criterion else {
            bail!(
                "no --criterion directory given; `cargo xtask book {}` passes it",
                self.lab()
            );
        };
        let id = format!("{}/{question}", self.lab());
        criterion::load_group(dir, &id).with_context(|| {
            format!(
                "no criterion results for `{id}`; run `cargo xtask book {}`",
                self.lab()
            )
        })
    }

    /// The file names this probe has written so far are under this directory.
    pub fn out(&self) -> &Path {
        &self.out
    }
}

/// Creates `dir` if needed and proves a file can be written there.
fn check_writable(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output directory {}", dir.display()))?;
    let test = dir.join(".probe-can-write");
    std::fs::write(&test, b"")
        .with_context(|| format!("cannot write into the output directory {}", dir.display()))?;
    std::fs::remove_file(&test).ok();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(lab: &str, out: &Path) -> ProbeArgs {
        ProbeArgs {
            lab: lab.to_string(),
            out: out.to_path_buf(),
            criterion: None,
            mode: Mode::Quick,
        }
    }

    #[test]
    fn an_unwritable_out_is_refused_before_anything_is_measured_and_named() {
        // Cargo runs unit tests inside the checkout, so the catalogue is found.
        let out = Path::new("/proc/no-such-dir/generated");
        let err = Probe::start(&args("runtime-per-call", out)).unwrap_err();
        assert!(
            format!("{err:#}").contains("/proc/no-such-dir/generated"),
            "{err:#}"
        );
    }

    #[test]
    fn an_unknown_lab_lists_the_valid_ones() {
        let dir = std::env::temp_dir().join(format!("probe-args-{}", std::process::id()));
        let err = Probe::start(&args("no-such-lab", &dir)).unwrap_err();
        assert!(format!("{err:#}").contains("runtime-per-call"), "{err:#}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_closed_pipe_is_told_from_a_real_failure() {
        let pipe = anyhow::Error::from(io::Error::from(ErrorKind::BrokenPipe)).context("printing");
        assert!(is_broken_pipe(&pipe));
        assert!(!is_broken_pipe(&anyhow::anyhow!("no such lab")));
    }
}
