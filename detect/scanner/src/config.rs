//! `async-scan.toml`: which rules run, and whether tests are scanned.
//!
//! The file is looked for in the scanned folder (or given with `--config`):
//!
//! ```toml
//! # Rules to run on top of the defaults (experimental ones included), and rules to turn off.
//! enable = ["unbounded-channels"]
//! disable = ["detached-tasks"]
//! # Scan `#[test]` functions, `#[cfg(test)]` modules and `tests/` too (off by default).
//! include-tests = false
//! # Folders or files to leave out, relative to the scanned folder.
//! exclude = ["vendor", "src/generated.rs"]
//! ```
//!
//! The command line's `--enable`, `--disable` and `--all-rules` apply on top of the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;
use crate::rules::{self, RULES};

/// The name of the config file in a scanned folder.
pub const FILE_NAME: &str = "async-scan.toml";

/// What to scan and which rules to run.
#[derive(Debug, Clone)]
pub struct Config {
    enabled: BTreeSet<&'static str>,
    /// Scan test code too.
    pub include_tests: bool,
    /// Paths to leave out, relative to the scanned folder.
    pub exclude: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            enabled: RULES
                .iter()
                .filter(|r| r.default_enabled)
                .map(|r| r.id)
                .collect(),
            include_tests: false,
            exclude: Vec::new(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    include_tests: bool,
    #[serde(default)]
    exclude: Vec<PathBuf>,
}

impl Config {
    /// Every rule on, experimental ones included.
    pub fn all_rules() -> Self {
        Config {
            enabled: RULES.iter().map(|r| r.id).collect(),
            ..Config::default()
        }
    }

    /// The defaults, changed by the config file at `path`.
    pub fn from_file(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(path.to_path_buf(), e.to_string()))?;
        let file: File = toml::from_str(&text)
            .map_err(|e| Error::Config(path.to_path_buf(), format!("invalid config: {e}")))?;
        let mut config = Config {
            include_tests: file.include_tests,
            exclude: file.exclude,
            ..Config::default()
        };
        for id in &file.enable {
            config
                .enable(id)
                .map_err(|e| Error::Config(path.to_path_buf(), e))?;
        }
        for id in &file.disable {
            config
                .disable(id)
                .map_err(|e| Error::Config(path.to_path_buf(), e))?;
        }
        Ok(config)
    }

    /// The config for scanning `root`: its `async-scan.toml` if it has one, else the defaults.
    pub fn for_root(root: &Path) -> Result<Self, Error> {
        let dir = if root.is_file() {
            root.parent().unwrap_or(Path::new("."))
        } else {
            root
        };
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            Self::from_file(&path)
        } else {
            Ok(Self::default())
        }
    }

    /// Turns a rule on; an unknown id is an error that lists the valid ones.
    pub fn enable(&mut self, id: &str) -> Result<(), String> {
        self.enabled.insert(known(id)?);
        Ok(())
    }

    /// Turns a rule off.
    pub fn disable(&mut self, id: &str) -> Result<(), String> {
        self.enabled.remove(known(id)?);
        Ok(())
    }

    /// Whether the rule runs.
    pub fn enabled(&self, id: &str) -> bool {
        self.enabled.contains(id)
    }

    /// The rules that run, in table order.
    pub fn enabled_rules(&self) -> Vec<&'static rules::Rule> {
        RULES.iter().filter(|r| self.enabled(r.id)).collect()
    }
}

fn known(id: &str) -> Result<&'static str, String> {
    rules::rule(id)
        .map(|r| r.id)
        .ok_or_else(|| format!("unknown rule `{id}`; rules: {}", rules::ids().join(", ")))
}
