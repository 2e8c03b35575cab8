//! What tokio-console shows of this lab's deadlocks, read from the recorded captures.
//!
//! Guides say: build with `--cfg tokio_unstable` and Tokio's `tracing` feature, open
//! tokio-console, and look for long polls and deadlocked tasks. This module checks that advice
//! against what tokio-console would really have shown for this lab. It replays the captures
//! committed as `console_snapshot`'s test fixtures (one run of the demo per variant, recorded
//! by `cargo xtask console --fixtures` from the same gRPC stream tokio-console reads) through
//! [`console_snapshot::replay`], which applies tokio-console's own warnings update by update,
//! and reads off what a user would have seen: the warnings, the longest poll, the tasks' idle
//! time, and how long a `lock` waited on each mutex.
//!
//! Replaying needs no runtime and no network, so this takes milliseconds and gives the same
//! answer on every run; the captures change only when someone records them again.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use console_snapshot::snapshot::TaskRow;
use console_snapshot::{Recording, Rule, Snapshot};

/// A poll longer than this is the "long poll" the guides tell you to look for, in ns.
pub const LONG_POLL_NS: u64 = 100_000;

/// One captured variant, as tokio-console would have shown it.
pub struct Seen {
    /// The demo variant.
    pub variant: String,
    /// Every warning of tokio-console's own that was raised at any update.
    pub warnings: Vec<Rule>,
    /// Whether this project's long-poll lint fired (not a tokio-console warning).
    pub long_poll_lint: bool,
    /// The longest poll of any task, in ns.
    pub longest_poll_ns: u64,
    /// The longest idle time of the spawned (non-`block_on`) tasks, in ns.
    pub longest_idle_ns: u64,
    /// The longest wait for one of the lab's `tokio::sync::Mutex`es, in ns (0 if none).
    pub longest_lock_wait_ns: u64,
    /// Tasks and resources seen: zero for both would mean an uninstrumented build.
    pub tasks: usize,
    pub resources: usize,
}

/// Everything the console claim is judged on.
pub struct Console {
    /// Where the captures were read from, relative to the workspace.
    pub fixtures: PathBuf,
    /// Every captured variant, in file-name order.
    pub seen: Vec<Seen>,
    /// `.cargo/config.toml` passes `--cfg tokio_unstable` to every build.
    pub cfg_tokio_unstable: bool,
    /// The lab's `console` feature turns on Tokio's `tracing` feature.
    pub feature_tracing: bool,
}

impl Console {
    /// The captured variant `name`, if it was captured.
    pub fn get(&self, name: &str) -> Option<&Seen> {
        self.seen.iter().find(|s| s.variant == name)
    }
}

/// Replays every capture of `lab` and reads the build settings they were made with.
pub fn read(root: &Path, lab: &str, lab_dir: &Path) -> Result<Console> {
    let fixtures = Path::new("libs/console-snapshot/tests/fixtures").join(lab);
    let dir = root.join(&fixtures);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("no console captures in {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    files.retain(|f| f.extension().is_some_and(|ext| ext == "json"));
    files.sort();
    let mut seen = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let recording = Recording::from_json(&text)
            .with_context(|| format!("{} is not a recording", file.display()))?;
        seen.push(look(&console_snapshot::replay(&recording)));
    }
    let config = read_toml(&root.join(".cargo/config.toml"))?;
    let manifest = read_toml(&root.join(lab_dir).join("Cargo.toml"))?;
    Ok(Console {
        fixtures,
        seen,
        cfg_tokio_unstable: strings(config.get("build").and_then(|b| b.get("rustflags")))
            .windows(2)
            .any(|pair| pair == ["--cfg", "tokio_unstable"]),
        feature_tracing: strings(manifest.get("features").and_then(|f| f.get("console")))
            .iter()
            .any(|feature| feature == "tokio/tracing"),
    })
}

/// What a tokio-console user would have read off one snapshot.
fn look(snapshot: &Snapshot) -> Seen {
    let spawned = |t: &&TaskRow| t.kind != "block_on";
    Seen {
        variant: snapshot.variant.clone(),
        warnings: snapshot
            .findings
            .iter()
            .map(|f| f.rule)
            .filter(|rule| Rule::CONSOLE.contains(rule))
            .collect(),
        long_poll_lint: snapshot.findings.iter().any(|f| f.rule == Rule::LongPoll),
        longest_poll_ns: snapshot
            .tasks
            .iter()
            .filter_map(|t| t.max_poll_ns)
            .max()
            .unwrap_or(0),
        longest_idle_ns: snapshot
            .tasks
            .iter()
            .filter(spawned)
            .map(|t| t.idle_ns)
            .max()
            .unwrap_or(0),
        // The lab's own mutexes, not the runtime's internal ones.
        longest_lock_wait_ns: snapshot
            .resources
            .iter()
            .filter(|r| r.concrete_type == "Mutex" && r.location.starts_with("labs/"))
            .map(|r| r.longest_op_ns)
            .max()
            .unwrap_or(0),
        tasks: snapshot.tasks.len(),
        resources: snapshot.resources.len(),
    }
}

fn read_toml(path: &Path) -> Result<toml::Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.parse()
        .with_context(|| format!("{} is not TOML", path.display()))
}

/// The strings of a TOML array (nothing for anything else).
fn strings(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(toml::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_captures_replay_and_the_build_settings_are_found() {
        // Cargo runs unit tests inside the checkout, so the workspace is found.
        let root = catalogue::workspace_root().expect("the workspace");
        let lab = "locks-across-await";
        let console = read(&root, lab, &Path::new("labs").join(lab)).expect("the captures");
        for variant in [
            "anti",
            "argument-order",
            "global-order",
            "tokio-mutex",
            "fixed",
        ] {
            let seen = console
                .get(variant)
                .unwrap_or_else(|| panic!("no capture of {variant}"));
            assert!(seen.tasks > 0 && seen.resources > 0, "{variant}: empty");
        }
        assert!(console.cfg_tokio_unstable && console.feature_tracing);
    }

    #[test]
    fn the_cfg_must_be_one_flag_pair() {
        let config: toml::Table = "[build]\nrustflags = [\"--cfg\", \"tokio_unstable\"]"
            .parse()
            .unwrap();
        let flags = strings(config.get("build").and_then(|b| b.get("rustflags")));
        assert!(flags.windows(2).any(|p| p == ["--cfg", "tokio_unstable"]));
        assert!(strings(config.get("missing")).is_empty());
    }
}
