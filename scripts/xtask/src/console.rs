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

use crate::workspace;

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
