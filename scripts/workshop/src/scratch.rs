//! The copies of an exercise that `verify` builds in, so that it never writes the learner's files.
//!
//! `verify` has to build the exercise with other versions of the learner's file in place (every
//! alternative answer under `checks/`). Doing that in the learner's own file would leave an
//! alternative behind whenever the runner dies mid-way, from a signal it cannot catch or a
//! power cut. So it copies the exercise's crate into a scratch directory, once per answer, and
//! puts each answer in its own copy. The copies form a scratch workspace of their own, so that
//! one cargo command builds them all ([`crate::batch`]).
//!
//! Each copy must build exactly like the original, though the original is a member of the
//! project's workspace:
//!
//! - its manifest inherits fields from the workspace (`edition.workspace = true`,
//!   `tokio = { workspace = true, features = [...] }`, `[lints] workspace = true`); the copy's
//!   manifest has them written out, from the workspace's `Cargo.toml`, with relative `path`s
//!   made absolute;
//! - the scratch workspace's own manifest carries the project's profiles and resolver, and the
//!   project's `Cargo.lock` is copied beside it, so the same versions are built the same way;
//! - cargo still runs in the project's root, so it reads the same configuration (rustflags);
//! - copy `n` is the package `<name>-answer<n>`: one workspace cannot hold two packages of
//!   one name. Its library keeps the exercise's name, so the tests' `use` lines resolve;
//! - it builds into `<target>/workshop-verify/`, its own target directory, so that it never
//!   disturbs the learner's builds and its dependencies stay built from one verify to the next.
//!
//! The scratch directory lives in that target directory too, and is a `tempfile::TempDir`:
//! removed when verify is done with the exercise, on errors too, and (registered with
//! [`crate::interrupt`]) when verify is stopped by a signal.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow, bail};
use tempfile::TempDir;
use toml::{Table, Value};

use crate::exercise::{Exercise, Workshop};
use crate::interrupt;

/// The dependency tables of a manifest, where `workspace = true` may appear.
const DEPENDENCY_TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// Where verify builds: `<the workspace's target dir>/workshop-verify`.
pub fn verify_target_dir(workshop: &Workshop) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Asking cargo honours CARGO_TARGET_DIR and `build.target-dir` in its configuration.
    let output = Command::new(cargo)
        .current_dir(&workshop.root)
        .args(["metadata", "--format-version=1", "--no-deps", "--offline"])
        .stdin(Stdio::null())
        .output()
        .context("cannot run cargo metadata")?;
    if !output.status.success() {
        return Err(anyhow!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("cannot read cargo metadata")?;
    let target = metadata["target_directory"]
        .as_str()
        .context("cargo metadata names no target directory")?;
    Ok(Path::new(target).join("workshop-verify"))
}

/// Copies of one exercise's crate in a scratch workspace, removed when dropped.
pub struct Scratch {
    /// The scratch workspace's manifest, beside the copies' directories.
    manifest: PathBuf,
    target_dir: PathBuf,
    copies: Vec<Copy>,
    // Declared before `_dir`, so it is unregistered first, then the directory goes.
    _registered: interrupt::Scratch,
    _dir: TempDir,
}

/// One copy of the exercise's crate.
pub struct Copy {
    /// Its directory.
    pub dir: PathBuf,
    /// Its package name, `<name>-answer<n>`.
    pub package: String,
}

impl Scratch {
    /// Makes `copies` copies of `exercise` in a new scratch workspace under `target_dir`.
    pub fn new(
        workshop: &Workshop,
        exercise: &Exercise,
        target_dir: &Path,
        copies: usize,
    ) -> Result<Scratch> {
        std::fs::create_dir_all(target_dir)
            .with_context(|| format!("cannot create {}", target_dir.display()))?;
        let dir = tempfile::Builder::new()
            .prefix("scratch-")
            .tempdir_in(target_dir)
            .with_context(|| {
                format!(
                    "cannot create a scratch directory in {}",
                    target_dir.display()
                )
            })?;
        let registered = interrupt::Scratch::register(dir.path());

        let mut made = Vec::with_capacity(copies);
        for n in 0..copies {
            let member = format!("answer-{n}");
            let crate_dir = dir.path().join(&member);
            copy_tree(&exercise.dir, &crate_dir)?;
            let package = format!("{}-answer{n}", exercise.package);
            let manifest = member_manifest(&workshop.root, &exercise.dir, &package)?;
            write(&crate_dir.join("Cargo.toml"), manifest.as_bytes())?;
            made.push(Copy {
                dir: crate_dir,
                package,
            });
        }
        let manifest = dir.path().join("Cargo.toml");
        write(
            &manifest,
            workspace_manifest(&workshop.root, &made)?.as_bytes(),
        )?;
        let lock = workshop.root.join("Cargo.lock");
        if lock.exists() {
            std::fs::copy(&lock, dir.path().join("Cargo.lock"))
                .with_context(|| format!("cannot copy {}", lock.display()))?;
        }
        Ok(Scratch {
            manifest,
            target_dir: target_dir.to_path_buf(),
            copies: made,
            _registered: registered,
            _dir: dir,
        })
    }

    /// The scratch workspace's manifest, for `--manifest-path`.
    pub fn manifest(&self) -> &Path {
        &self.manifest
    }

    /// Where the copies build.
    pub fn target_dir(&self) -> &Path {
        &self.target_dir
    }

    /// The copies, in the order they were asked for.
    pub fn copies(&self) -> &[Copy] {
        &self.copies
    }

    /// Puts `contents` at `file` (relative to the exercise) in copy `n`.
    pub fn put(&self, n: usize, file: &Path, contents: &[u8]) -> Result<()> {
        write(&self.copies[n].dir.join(file), contents)
    }
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Copies the files under `from` to `to`, leaving out any `target/` build directory.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let entries =
        std::fs::read_dir(from).with_context(|| format!("cannot list {}", from.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", from.display()))?;
        let (source, kind) = (entry.path(), entry.file_type()?);
        let destination = to.join(entry.file_name());
        if kind.is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&source, &destination)?;
            }
        } else {
            // `fs::copy` follows a symbolic link, which is what a build of the copy would see.
            std::fs::copy(&source, &destination)
                .with_context(|| format!("cannot copy {}", source.display()))?;
        }
    }
    Ok(())
}

/// The scratch workspace's manifest: the copies as its members, and the project's resolver and
/// profiles (cargo reads both from a workspace's root manifest only).
///
/// One setting is verify's own: each copy compiles as a single codegen unit. Split into
/// sixteen (rustc's default without incremental builds), a small crate pays for sixteen LLVM
/// modules to gain a parallelism that building many copies at once already has; one unit cut
/// all of verify from 297 s to 237 s here. The dependencies keep the project's settings, so
/// they stay built from one verify to the next.
fn workspace_manifest(root: &Path, copies: &[Copy]) -> Result<String> {
    let project = read_toml(&root.join("Cargo.toml"))?;
    let members = copies
        .iter()
        .filter_map(|copy| copy.dir.file_name())
        .map(|name| Value::String(name.to_string_lossy().into_owned()))
        .collect();
    let mut workspace = Table::from_iter([("members".to_string(), Value::Array(members))]);
    if let Some(resolver) = project.get("workspace").and_then(|w| w.get("resolver")) {
        workspace.insert("resolver".into(), resolver.clone());
    }
    let mut profiles = project
        .get("profile")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let Value::Table(dev) = profiles
        .entry("dev")
        .or_insert_with(|| Value::Table(Table::new()))
    else {
        bail!("the workspace's [profile.dev] is not a table");
    };
    let Value::Table(packages) = dev
        .entry("package")
        .or_insert_with(|| Value::Table(Table::new()))
    else {
        bail!("the workspace's [profile.dev.package] is not a table");
    };
    for copy in copies {
        let one_unit = Table::from_iter([("codegen-units".to_string(), Value::Integer(1))]);
        packages.insert(copy.package.clone(), Value::Table(one_unit));
    }
    let manifest = Table::from_iter([
        ("workspace".to_string(), Value::Table(workspace)),
        ("profile".to_string(), Value::Table(profiles)),
    ]);
    toml::to_string(&manifest).context("cannot write the scratch workspace's manifest")
}

/// The exercise's manifest with everything it inherits from the workspace written out, as
/// the package `package` whose library keeps the exercise's name.
fn member_manifest(root: &Path, exercise_dir: &Path, package: &str) -> Result<String> {
    let workspace = read_toml(&root.join("Cargo.toml"))?;
    let mut manifest = read_toml(&exercise_dir.join("Cargo.toml"))?;
    let inherited = workspace
        .get("workspace")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let section = |name: &str| -> Table {
        inherited
            .get(name)
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default()
    };

    let Some(Value::Table(fields)) = manifest.get_mut("package") else {
        bail!("{} has no [package]", exercise_dir.display());
    };
    let inheritable = section("package");
    for (key, value) in fields.iter_mut() {
        if is_inherited(value) {
            *value = inheritable
                .get(key)
                .cloned()
                .with_context(|| format!("the workspace has no package.{key} to inherit"))?;
        }
    }
    let crate_name = fields
        .get("name")
        .and_then(Value::as_str)
        .context("the exercise's package has no name")?
        .replace('-', "_");
    fields.insert("name".into(), Value::String(package.to_owned()));
    let lib = manifest
        .entry("lib")
        .or_insert_with(|| Value::Table(Table::new()));
    if let Value::Table(lib) = lib {
        lib.insert("name".into(), Value::String(crate_name));
    }

    let dependencies = section("dependencies");
    resolve_dependencies(&mut manifest, &dependencies, root, exercise_dir)?;
    if let Some(Value::Table(targets)) = manifest.get_mut("target") {
        for (_, target) in targets.iter_mut() {
            if let Value::Table(target) = target {
                resolve_dependencies(target, &dependencies, root, exercise_dir)?;
            }
        }
    }

    if manifest.get("lints").is_some_and(is_inherited) {
        manifest.insert("lints".into(), Value::Table(section("lints")));
    }
    toml::to_string(&manifest).context("cannot write the scratch manifest")
}

/// `{ workspace = true }`, the mark of a field taken from the workspace.
fn is_inherited(value: &Value) -> bool {
    value
        .as_table()
        .and_then(|t| t.get("workspace"))
        .and_then(Value::as_bool)
        == Some(true)
}

/// Writes out the inherited entries of `table`'s dependency tables, and makes every `path`
/// absolute (the workspace's relative to `root`, the member's own relative to its directory).
fn resolve_dependencies(
    table: &mut Table,
    workspace: &Table,
    root: &Path,
    exercise_dir: &Path,
) -> Result<()> {
    for kind in DEPENDENCY_TABLES {
        let Some(Value::Table(dependencies)) = table.get_mut(kind) else {
            continue;
        };
        for (name, dependency) in dependencies.iter_mut() {
            if is_inherited(dependency) {
                let mut resolved = match workspace.get(name) {
                    Some(Value::String(version)) => {
                        Table::from_iter([("version".to_string(), Value::String(version.clone()))])
                    }
                    Some(Value::Table(spec)) => spec.clone(),
                    _ => return Err(anyhow!("the workspace has no dependency {name} to inherit")),
                };
                absolute_path(&mut resolved, root);
                // A member may add features (to the workspace's) and make it optional.
                let Value::Table(member) = dependency else {
                    unreachable!("is_inherited saw a table")
                };
                for (key, value) in member.iter() {
                    match (key.as_str(), value) {
                        ("workspace", _) => {}
                        ("features", Value::Array(more)) => {
                            let features = resolved
                                .entry("features")
                                .or_insert_with(|| Value::Array(Vec::new()));
                            if let Value::Array(features) = features {
                                features.extend(more.iter().cloned());
                            }
                        }
                        _ => {
                            resolved.insert(key.clone(), value.clone());
                        }
                    }
                }
                *dependency = Value::Table(resolved);
            } else if let Value::Table(spec) = dependency {
                absolute_path(spec, exercise_dir);
            }
        }
    }
    Ok(())
}

fn absolute_path(spec: &mut Table, base: &Path) {
    if let Some(Value::String(path)) = spec.get_mut("path") {
        *path = base.join(&*path).display().to_string();
    }
}

fn read_toml(path: &Path) -> Result<Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.parse::<Table>()
        .with_context(|| format!("cannot parse {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scratch_manifest_writes_out_what_the_member_inherits() {
        let root = tempfile::tempdir().expect("temporary directory");
        let member = root.path().join("exercises/demo");
        std::fs::create_dir_all(&member).expect("member directory");
        std::fs::write(
            root.path().join("Cargo.toml"),
            "[workspace]\nmembers = [\"exercises/*\"]\nresolver = \"3\"\n\
             [workspace.package]\nedition = \"2024\"\nlicense = \"MIT\"\n\
             [workspace.dependencies]\nanyhow = \"1.0\"\n\
             tokio = { version = \"1.54\", default-features = false, features = [\"rt\"] }\n\
             kit = { path = \"libs/kit\" }\n\
             [workspace.lints.rust]\nunsafe_code = \"forbid\"\n\
             [profile.test]\nopt-level = 1\n",
        )
        .expect("workspace manifest");
        std::fs::write(
            member.join("Cargo.toml"),
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition.workspace = true\n\
             license.workspace = true\n\
             [dependencies]\nanyhow.workspace = true\nkit.workspace = true\n\
             tokio = { workspace = true, features = [\"time\"], optional = true }\n\
             [dev-dependencies]\nhelper = { path = \"../helper\" }\n\
             [lints]\nworkspace = true\n",
        )
        .expect("member manifest");

        let text = member_manifest(root.path(), &member, "demo-answer3").expect("a manifest");
        let manifest: Table = text.parse().expect("valid TOML");
        // The value at a dotted path, such as `dependencies.tokio.features`.
        let get = |path: &[&str]| -> Value {
            let mut value = &Value::Table(manifest.clone());
            for key in path {
                value = value
                    .get(key)
                    .unwrap_or_else(|| panic!("{path:?} missing from\n{text}"));
            }
            value.clone()
        };
        let string = |s: &str| Value::String(s.to_string());
        // Renamed, so that copies do not share artifacts; its library keeps the crate's name.
        assert_eq!(get(&["package", "name"]), string("demo-answer3"));
        assert_eq!(get(&["lib", "name"]), string("demo"));
        assert_eq!(get(&["package", "edition"]), string("2024"));
        assert_eq!(get(&["package", "license"]), string("MIT"));
        assert_eq!(get(&["dependencies", "anyhow", "version"]), string("1.0"));
        assert_eq!(
            get(&["dependencies", "kit", "path"]),
            string(&root.path().join("libs/kit").display().to_string())
        );
        // The workspace's features, then the member's; the member's other keys kept.
        assert_eq!(
            get(&["dependencies", "tokio", "features"]),
            Value::Array(vec![string("rt"), string("time")])
        );
        assert_eq!(
            get(&["dependencies", "tokio", "optional"]),
            Value::Boolean(true)
        );
        assert_eq!(
            get(&["dependencies", "tokio", "default-features"]),
            Value::Boolean(false)
        );
        assert!(get(&["dependencies", "tokio"]).get("workspace").is_none());
        assert_eq!(
            get(&["dev-dependencies", "helper", "path"]),
            string(&member.join("../helper").display().to_string())
        );
        assert_eq!(get(&["lints", "rust", "unsafe_code"]), string("forbid"));
        // Profiles and the resolver belong to the scratch workspace's own manifest.
        assert!(manifest.get("profile").is_none() && manifest.get("workspace").is_none());

        let copies: Vec<Copy> = (0..2)
            .map(|n| Copy {
                dir: root.path().join(format!("scratch/answer-{n}")),
                package: format!("demo-answer{n}"),
            })
            .collect();
        let text = workspace_manifest(root.path(), &copies).expect("a workspace manifest");
        let workspace: Table = text.parse().expect("valid TOML");
        assert_eq!(
            workspace["workspace"]["members"],
            Value::Array(vec![string("answer-0"), string("answer-1")])
        );
        assert_eq!(workspace["workspace"]["resolver"], string("3"));
        assert_eq!(workspace["profile"]["test"]["opt-level"], Value::Integer(1));
        // Each copy in one codegen unit; the dependencies as the project builds them.
        let packages = &workspace["profile"]["dev"]["package"];
        assert_eq!(packages["demo-answer1"]["codegen-units"], Value::Integer(1));
        assert!(packages.get("*").is_none());
    }
}
