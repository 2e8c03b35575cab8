//! mdBook, pinned.
//!
//! The book's `book.toml` follows mdBook 0.5's format, which 0.4 cannot read (and a later
//! release may change again), so we do not trust whatever `mdbook` is on `PATH`. We keep our
//! own copy at exactly [`VERSION`] in `<target>/tools/bin/mdbook`, install it with
//! `cargo install --locked` (crates.io is the one registry every machine of the project can
//! reach) when it is missing or the wrong version, and always call that copy. Keeping it under
//! the target directory means `cargo clean` removes it like any other build output.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::workspace::{self, Workspace};

/// The mdBook release the book is written for.
pub const VERSION: &str = "0.5.4";

/// Where our own copy of mdBook is installed (`cargo install --root`).
pub fn tools_root(workspace: &Workspace) -> PathBuf {
    workspace.target_dir.join("tools")
}

/// The path of our mdBook, installing it first if it is missing or another version.
pub fn ensure(workspace: &Workspace) -> Result<PathBuf> {
    let root = tools_root(workspace);
    let binary = root.join("bin").join("mdbook");
    match installed_version(&binary) {
        Some(version) if version == VERSION => return Ok(binary),
        Some(version) => println!(
            "mdBook {version} found at {}, but the book needs {VERSION}.",
            binary.display()
        ),
        None => println!("mdBook {VERSION} is not installed at {}.", binary.display()),
    }
    println!(
        "Installing mdBook {VERSION} from crates.io; this compiles it and takes a few minutes."
    );
    if let Err(err) = workspace::run(&mut install_command(workspace)) {
        bail!(
            "{err:#}\n\nmdBook {VERSION} could not be installed. Check that crates.io is reachable \
             and that there is disk space, then run the same command again, or install it yourself \
             with:\n    cargo install mdbook --version {VERSION} --locked --no-default-features \
             --features search --root {}",
            root.display()
        );
    }
    remove_build_dir(workspace);
    match installed_version(&binary) {
        Some(version) if version == VERSION => Ok(binary),
        other => bail!(
            "after installing, {} reports version {other:?}, not {VERSION}",
            binary.display()
        ),
    }
}

/// Whether our copy of mdBook is there at exactly [`VERSION`].
pub fn is_installed(workspace: &Workspace) -> bool {
    installed_version(&tools_root(workspace).join("bin").join("mdbook")).as_deref() == Some(VERSION)
}

/// The `cargo install` that puts mdBook [`VERSION`] under [`tools_root`].
pub fn install_command(workspace: &Workspace) -> Command {
    let root = tools_root(workspace);
    let mut install = workspace::cargo();
    install
        .args([
            "install",
            "mdbook",
            "--version",
            VERSION,
            "--locked",
            // We only ever run `mdbook build`: leaving out `serve` and `watch` (an HTTP server
            // and a file watcher) takes a large share off the install's compile time.
            "--no-default-features",
            "--features",
            "search",
            "--root",
        ])
        .arg(&root);
    // Build in a directory of our own: `cargo install` would otherwise build in
    // `$CARGO_TARGET_DIR` when it is set, mixing mdBook's dependencies into the workspace's
    // build output (and holding its lock for minutes). [`remove_build_dir`] deletes it
    // afterwards: it is about 450 MB and only the binary is needed.
    install.arg("--target-dir").arg(root.join("build"));
    install
}

/// Deletes the install's build directory. Best effort: a folder we fail to delete wastes disk
/// space but breaks nothing.
pub fn remove_build_dir(workspace: &Workspace) {
    let _ = std::fs::remove_dir_all(tools_root(workspace).join("build"));
}

/// Builds the book in `book/` into `book/book/` and returns the path of its front page.
///
/// mdBook reports an `{{#include}}` of a missing file as an `ERROR` line but still exits with
/// success and leaves the directive in the page. For this book a missing include is a missing
/// measurement, so we pass mdBook's log through and fail when it contains an error.
pub fn build(workspace: &Workspace, mdbook: &Path) -> Result<PathBuf> {
    let book = workspace.root.join("book");
    let mut command = Command::new(mdbook);
    command.arg("build").arg(&book);
    println!("$ {}", workspace::display(&command));
    let output = command
        .output()
        .with_context(|| format!("cannot run {}", mdbook.display()))?;
    // mdBook logs to stderr; show it as it is, then judge it.
    let log = String::from_utf8_lossy(&output.stderr);
    eprint!("{log}");
    if !output.status.success() {
        bail!(
            "`mdbook build` failed ({}); if it could not read a chapter, every catalogue entry \
             needs its book/src/labs/<id>.md",
            output.status
        );
    }
    let errors: Vec<&str> = log.lines().filter(|line| line.contains("ERROR")).collect();
    if !errors.is_empty() {
        let labs = labs_missing_output(&errors);
        let fix = if labs.is_empty() {
            "see the errors above".to_string()
        } else {
            format!("measure with `cargo xtask book {}`", labs.join(" "))
        };
        bail!("`mdbook build` reported {} error(s); {fix}", errors.len());
    }
    Ok(book.join("book").join("index.html"))
}

/// The labs whose generated files mdBook could not include, from its error lines
/// (`... ../generated/<lab>/<file> ...`), each once, in order of appearance.
fn labs_missing_output(errors: &[&str]) -> Vec<String> {
    let mut labs: Vec<String> = Vec::new();
    for line in errors {
        let Some((_, rest)) = line.split_once("generated/") else {
            continue;
        };
        let lab = rest.split('/').next().unwrap_or_default().to_string();
        if !lab.is_empty() && !labs.contains(&lab) {
            labs.push(lab);
        }
    }
    labs
}

/// The version an mdBook binary reports (`mdbook v0.5.4` → `0.5.4`), or `None` if it does not
/// run.
fn installed_version(binary: &Path) -> Option<String> {
    let output = Command::new(binary).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    parse_version(&text)
}

fn parse_version(text: &str) -> Option<String> {
    let word = text.split_whitespace().nth(1)?;
    Some(word.trim_start_matches('v').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_line() {
        assert_eq!(parse_version("mdbook v0.5.4\n").as_deref(), Some("0.5.4"));
        assert_eq!(parse_version("mdbook 0.4.52").as_deref(), Some("0.4.52"));
        assert_eq!(parse_version(""), None);
    }

    #[test]
    fn missing_includes_name_their_lab() {
        let errors = [
            "ERROR Error updating \"{{#include ../generated/locks/stamp.md}}\", Could not read file",
            "ERROR Error updating \"{{#include ../generated/locks/claims.md}}\", Could not read file",
            "ERROR failed to read chapter `labs/other.md`",
        ];
        assert_eq!(labs_missing_output(&errors), ["locks"]);
    }

    #[test]
    fn a_missing_binary_has_no_version() {
        assert_eq!(installed_version(Path::new("/nonexistent/mdbook")), None);
    }
}
