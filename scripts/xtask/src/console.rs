//! tokio-console snapshots for the chapters, through `console-capture`.
//!
//! The capture tool lives in its own crate because it speaks gRPC (tonic, hyper) to each
//! demo's console-subscriber; keeping it out of xtask keeps every other command light. xtask
//! only runs it, in release (it parses a busy stream), for the labs whose catalogue entry has
//! a `[console]` section. The tool itself builds each demo, bounds every run in time, and
//! never leaves a process behind.

use anyhow::Result;
use catalogue::Entry;
use evidence::Mode;

use crate::workspace::{self, Workspace};

/// Where the console lint's tests keep their recordings.
pub const FIXTURES: &str = "libs/console-snapshot/tests/fixtures";
/// How many plain blocking tasks a saved fixture keeps (the rest are summarised).
const FIXTURE_THIN: &str = "100";

/// Whether `entry` asks for snapshots.
pub fn wanted(entry: &Entry) -> bool {
    entry.console.is_some()
}

/// Captures the snapshots of `entries` (those without a `[console]` section are skipped).
pub fn capture(entries: &[&Entry], mode: Mode) -> Result<()> {
    let labs: Vec<&str> = entries
        .iter()
        .filter(|e| wanted(e))
        .map(|e| e.id.as_str())
        .collect();
    if labs.is_empty() {
        println!("No selected lab has a [console] section; no snapshot to capture.");
        return Ok(());
    }
    let mut command = workspace::cargo();
    command.args([
        "run",
        "--release",
        "--quiet",
        "-p",
        "console-capture",
        "--",
        "--mode",
    ]);
    command.arg(mode.as_str()).args(&labs);
    workspace::run(&mut command).map(drop)
}

/// Re-records the console lint's test fixtures of `entries`: every `[console]` variant, with
/// the entry's `fixture-args`, saved under [`FIXTURES`]; the chapter's fragments of that run go
/// to a scratch directory, never into the book.
pub fn record_fixtures(workspace: &Workspace, entries: &[&Entry]) -> Result<()> {
    let scratch = workspace.target_dir.join("console-fixture-run");
    for entry in entries {
        let Some(console) = &entry.console else {
            continue;
        };
        let mut command = workspace::cargo();
        command
            .args(["run", "--release", "--quiet", "-p", "console-capture", "--"])
            .arg(&entry.id)
            .arg("--variants")
            .arg(console.variants.join(","))
            .arg("--record")
            .arg(workspace.root.join(FIXTURES))
            .args(["--thin", FIXTURE_THIN, "--timeout", "120", "--out"])
            .arg(&scratch);
        for arg in &console.fixture_args {
            command.arg(format!("--demo-arg={arg}"));
        }
        workspace::run(&mut command)?;
    }
    println!(
        "Re-recorded; now run `UPDATE_GOLDEN=1 cargo test -p console-snapshot --test render` \
         and review the diff of libs/console-snapshot/tests/golden/."
    );
    Ok(())
}
