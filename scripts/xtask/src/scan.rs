//! `cargo xtask scan`: the static scanner (`detect/scanner`), and the evidence behind it.
//!
//! - `cargo xtask scan PATH [-- ARGS]` scans a crate, like `cargo async-scan PATH ARGS` would
//!   once installed;
//! - `cargo xtask scan` alone runs the self-check on `labs/`: every `// scan: expect(..)`
//!   marker in an anti-pattern is flagged, and every fix is clean;
//! - `cargo xtask scan --corpus` has cargo download the pinned corpus of published crates into
//!   the target directory and holds every finding against its label;
//! - `--book` writes the generated fragments instead of checking them (the chapters' scanner
//!   output, and with `--corpus` the precision, corpus and pair tables); `--bench` (with
//!   `--corpus`) measures lines per second on a release build.
//!
//! The evidence tool is the scanner crate's `evidence` example, so that this crate needs no
//! dependency on the scanner and `cargo install` of the scanner installs only the scanner.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::workspace::{self, Workspace};

/// What `cargo xtask scan` was asked to do.
#[derive(Debug, Default)]
pub struct Scan {
    /// A crate to scan; none for the self-check.
    pub path: Option<PathBuf>,
    /// Fetch and check the corpus.
    pub corpus: bool,
    /// Write the book's fragments.
    pub book: bool,
    /// Measure the speed (with `corpus`).
    pub bench: bool,
    /// Options for the scanner itself.
    pub args: Vec<String>,
}

/// Where the corpus is downloaded to.
pub fn corpus_dir(workspace: &Workspace) -> PathBuf {
    workspace.target_dir.join("scan-corpus")
}

fn evidence(release: bool, args: &[&str]) -> std::process::Command {
    let mut command = workspace::cargo();
    command.args([
        "run",
        "--quiet",
        "-p",
        "async-scan",
        "--example",
        "evidence",
    ]);
    if release {
        command.arg("--release");
    }
    command.arg("--").args(args);
    command
}

/// Runs the command.
pub fn run(workspace: &Workspace, scan: &Scan) -> Result<()> {
    if let Some(path) = &scan.path {
        let mut command = workspace::cargo();
        command
            .args([
                "run",
                "--quiet",
                "-p",
                "async-scan",
                "--bin",
                "cargo-async-scan",
                "--",
            ])
            .arg(absolute(path)?)
            .args(&scan.args);
        workspace::run(&mut command)?;
        return Ok(());
    }
    let write: &[&str] = if scan.book { &["--write"] } else { &[] };
    workspace::run(&mut evidence(false, &[&["labs"], write].concat()))?;
    if scan.corpus {
        let dir = corpus_dir(workspace);
        let dir = dir.to_string_lossy();
        workspace::run(&mut evidence(false, &["fetch", "--dir", &dir]))?;
        workspace::run(&mut evidence(
            false,
            &[&["corpus", "--dir", &dir], write].concat(),
        ))?;
        if scan.bench {
            workspace::run(&mut evidence(true, &["bench", "--dir", &dir, "--write"]))?;
            workspace::run(&mut evidence(true, &["clippy", "unbounded-channels"]))?;
        }
    } else if scan.bench {
        bail!("--bench measures the corpus: use `cargo xtask scan --corpus --bench`");
    }
    Ok(())
}

/// The scanner step of `cargo xtask test`: its tests (the self-check on `labs/` among them),
/// then the labelled corpus. `Ok(false)` when the corpus could not be downloaded: the step is
/// then reported as skipped, never as passed.
pub fn test_step(workspace: &Workspace) -> Result<bool> {
    workspace::run(workspace::cargo().args(["test", "--quiet", "-p", "async-scan"]))?;
    let dir = corpus_dir(workspace);
    let dir = dir.to_string_lossy();
    if let Err(err) = workspace::run(&mut evidence(false, &["fetch", "--dir", &dir])) {
        println!(
            "!!! The scanner's corpus could not be downloaded ({err:#}).\n!!! Its labelled \
             precision and the before/after pairs were NOT checked."
        );
        return Ok(false);
    }
    workspace::run(&mut evidence(false, &["corpus", "--dir", &dir]))?;
    Ok(true)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    // cargo runs the scanner from the workspace root; a relative path means the caller's.
    Ok(std::env::current_dir()?.join(path))
}
