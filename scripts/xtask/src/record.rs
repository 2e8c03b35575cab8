//! What a measurement run remembers about itself.
//!
//! Criterion's output says what was measured but not how long criterion was told to measure:
//! a table from a quick run and one from a full run look the same. So `cargo xtask book`
//! leaves a small record beside criterion's output (`<target>/criterion/.xtask/<lab>.json`)
//! with the mode and when the run started and ended, and `cargo xtask report` reads it back to
//! put the right mode into the stamp. If the measurements are not the ones that run wrote
//! (someone ran `cargo bench` by hand since), the mode is reported as `manual` rather than
//! guessed.
//!
//! Criterion itself only looks at `*/new/benchmark.json`, so it ignores this folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use evidence::{Group, Mode};
use serde::{Deserialize, Serialize};

/// One lab's last run of `cargo xtask book`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The lab's id.
    pub lab: String,
    /// `quick` or `full`.
    pub mode: String,
    /// When the bench started, in seconds since 1970.
    pub started: u64,
    /// When the bench finished, in seconds since 1970.
    pub finished: u64,
}

/// Where the record of `lab` lives.
pub fn path(criterion_dir: &Path, lab: &str) -> PathBuf {
    criterion_dir.join(".xtask").join(format!("{lab}.json"))
}

/// Saves the record of a run that went from `started` to `finished`.
pub fn save(
    criterion_dir: &Path,
    lab: &str,
    mode: Mode,
    started: SystemTime,
    finished: SystemTime,
) -> Result<()> {
    let record = RunRecord {
        lab: lab.to_string(),
        mode: mode.to_string(),
        started: secs(started),
        finished: secs(finished),
    };
    let path = path(criterion_dir, lab);
    std::fs::create_dir_all(path.parent().expect("the record has a parent"))?;
    let json = serde_json::to_string_pretty(&record)?;
    std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))
}

/// The mode the measurements in `groups` were taken in, as far as the record can tell.
pub fn mode_for(criterion_dir: &Path, lab: &str, groups: &[Group]) -> Mode {
    let Some(record) = load(criterion_dir, lab) else {
        return Mode::Manual;
    };
    let Ok(mode) = record.mode.parse::<Mode>() else {
        return Mode::Manual;
    };
    // File times have sub-second precision and the record whole seconds; one second of slack
    // on each side keeps a measurement written in the run's last instant inside it.
    let start = UNIX_EPOCH + Duration::from_secs(record.started.saturating_sub(1));
    let end = UNIX_EPOCH + Duration::from_secs(record.finished + 1);
    let inside = groups
        .iter()
        .flat_map(|g| &g.measurements)
        .all(|m| m.measured_at >= start && m.measured_at <= end);
    if inside { mode } else { Mode::Manual }
}

fn load(criterion_dir: &Path, lab: &str) -> Option<RunRecord> {
    let text = std::fs::read_to_string(path(criterion_dir, lab)).ok()?;
    serde_json::from_str(&text).ok()
}

fn secs(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
