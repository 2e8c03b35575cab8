//! The recorded fixtures: `tests/fixtures/<lab>/<variant>.json`, one real capture each.
//!
//! They were recorded from the labs' demos by `cargo xtask console --fixtures` (see
//! `tests/fixtures/README.md`), so every test here runs the replay,
//! the rules and the rendering on what console-subscriber really sent, with no runtime and no
//! clock: the same file always gives the same answer.

use std::path::{Path, PathBuf};

use console_snapshot::Recording;

/// Where the fixtures live.
pub fn dir() -> PathBuf {
    // Read at run time: cargo runs tests from the package's directory.
    std::env::current_dir()
        .expect("a current directory")
        .join("tests/fixtures")
}

/// Every fixture as `(lab, variant, recording)`, sorted by lab then variant.
pub fn all() -> Vec<(String, String, Recording)> {
    let mut fixtures = Vec::new();
    for lab in sorted_entries(&dir()) {
        if !lab.is_dir() {
            continue;
        }
        for file in sorted_entries(&lab) {
            if file.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let recording =
                Recording::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let name = |p: &Path| p.file_stem().unwrap().to_string_lossy().into_owned();
            fixtures.push((name(&lab), name(&file), recording));
        }
    }
    fixtures
}

/// One fixture.
pub fn load(lab: &str, variant: &str) -> Recording {
    let path = dir().join(lab).join(format!("{variant}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Recording::from_json(&text).unwrap()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    entries
}
