//! The workspace as cargo sees it, and how we run cargo.
//!
//! Every command needs to know two things it must not guess: where the workspace is and where
//! its build output goes. The target directory in particular moves (`CARGO_TARGET_DIR`,
//! `build.target-dir` in a config file, `--target-dir`), and criterion writes its results
//! inside it, so we ask `cargo metadata`, which applies the same rules as the build itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The workspace root, its target directory and its packages.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The directory holding the workspace's `Cargo.toml`.
    pub root: PathBuf,
    /// Where cargo puts build output (and criterion its results).
    pub target_dir: PathBuf,
    /// Every package of the workspace.
    pub packages: Vec<Package>,
}

/// The part of `cargo metadata`'s description of a package that the commands use.
#[derive(Debug, Clone, Deserialize)]
pub struct Package {
    /// The package name (`cargo -p <name>`).
    pub name: String,
    /// Its build targets (lib, bins, tests, benches).
    pub targets: Vec<Target>,
    /// Its cargo features, by name.
    pub features: BTreeMap<String, Vec<String>>,
}

/// One build target of a package.
#[derive(Debug, Clone, Deserialize)]
pub struct Target {
    /// The target name (`--bin <name>`, `--bench <name>`).
    pub name: String,
    /// Its kinds: `lib`, `bin`, `test`, `bench`, ...
    pub kind: Vec<String>,
}

#[derive(Deserialize)]
struct Metadata {
    workspace_root: PathBuf,
    target_directory: PathBuf,
    packages: Vec<Package>,
}

impl Workspace {
    /// Asks `cargo metadata` about the workspace this xtask belongs to.
    pub fn load() -> Result<Workspace> {
        // `--no-deps`: we only need the workspace's own packages, and resolving the whole
        // dependency graph would make every command slower for nothing.
        let output = cargo()
            .current_dir(root()?)
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .output()
            .context("cannot run `cargo metadata`")?;
        if !output.status.success() {
            bail!(
                "`cargo metadata` failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let metadata: Metadata = serde_json::from_slice(&output.stdout)
            .context("cannot read `cargo metadata`'s output")?;
        Ok(Workspace {
            root: metadata.workspace_root,
            target_dir: metadata.target_directory,
            packages: metadata.packages,
        })
    }

    /// Where criterion writes its results: `<target>/criterion`.
    pub fn criterion_dir(&self) -> PathBuf {
        self.target_dir.join("criterion")
    }

    /// The package with this name, if the workspace has one.
    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }

    /// The catalogue of this workspace.
    pub fn catalogue(&self) -> Result<catalogue::Catalogue> {
        Ok(catalogue::Catalogue::load(&self.root)?)
    }
}

impl Package {
    /// Whether the package has a binary target with this name.
    pub fn has_bin(&self, name: &str) -> bool {
        self.targets
            .iter()
            .any(|t| t.name == name && t.kind.iter().any(|k| k == "bin"))
    }
}

/// The workspace root of the checkout the command was started in, found at run time (see
/// [`catalogue::workspace_root`]: never the tree this binary happened to be built in).
pub fn root() -> Result<PathBuf> {
    Ok(catalogue::workspace_root()?)
}

/// A `cargo` command, run from the workspace root.
///
/// `cargo xtask` runs us through cargo, which tells us its own path in `$CARGO`; using it
/// (rather than whatever `cargo` is first on `PATH`) keeps every step on the same toolchain.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // Outside a checkout there is no root; `Workspace::load` has said so before any step runs.
    if let Ok(root) = root() {
        command.current_dir(root);
    }
    command
}

/// Runs a command in the foreground, echoing it first, and fails if it fails.
pub fn run(command: &mut Command) -> Result<Duration> {
    println!("$ {}", display(command));
    let start = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot start `{}`", display(command)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", display(command));
    }
    Ok(start.elapsed())
}

/// A command as one would type it (program and arguments, without the environment).
pub fn display(command: &Command) -> String {
    let program = Path::new(command.get_program());
    // Show `cargo`, not the long toolchain path in `$CARGO`.
    let program = program
        .file_name()
        .unwrap_or(program.as_os_str())
        .to_string_lossy();
    std::iter::once(program.into_owned())
        .chain(command.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A duration as a person reads it: `850 ms`, `12.3 s`, `2 min 05 s`.
pub fn human(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 1.0 {
        format!("{} ms", duration.as_millis())
    } else if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = duration.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}
