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
//! The record also holds a fingerprint of the lab's sources (its crate, its bench) as they were
//! when the bench started. File times cannot say whether numbers are stale (a plain `touch`
//! makes stale numbers look fresh, or fresh ones stale), but contents can: the report refuses
//! measurements whose sources have changed since, whatever the clocks say.
//!
//! Criterion itself only looks at `*/new/benchmark.json`, so it ignores this folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use catalogue::Entry;
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
    /// [`fingerprint`] of the lab's sources when the bench started.
    #[serde(default)]
    pub sources: String,
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
    sources: String,
) -> Result<()> {
    let record = RunRecord {
        lab: lab.to_string(),
        mode: mode.to_string(),
        started: secs(started),
        finished: secs(finished),
        sources,
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

/// The files a lab's measurements depend on: its bench, its manifest and everything in its
/// `src/`, sorted.
pub fn sources(root: &Path, entry: &Entry) -> Vec<PathBuf> {
    let lab = root.join(entry.lab_dir());
    let mut files = vec![root.join(entry.bench_file()), lab.join("Cargo.toml")];
    collect_files(&lab.join("src"), &mut files);
    files.sort();
    files
}

/// A fingerprint of the contents (and names) of `files`: 64-bit FNV-1a, in hex.
///
/// Not cryptographic, and it need not be: it tells an edited source from an unedited one.
/// FNV rather than std's hasher because std's may change between Rust releases.
pub fn fingerprint(root: &Path, files: &[PathBuf]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    };
    for file in files {
        let name = file.strip_prefix(root).unwrap_or(file);
        eat(name.to_string_lossy().as_bytes());
        eat(&[0]);
        eat(&std::fs::read(file).unwrap_or_default());
        eat(&[0xff]);
    }
    format!("{hash:016x}")
}

/// The record of `lab`'s last `cargo xtask book` run, if there is one.
pub fn load(criterion_dir: &Path, lab: &str) -> Option<RunRecord> {
    let text = std::fs::read_to_string(path(criterion_dir, lab)).ok()?;
    serde_json::from_str(&text).ok()
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)
        } else {
            out.push(path)
        }
    }
}

fn secs(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
