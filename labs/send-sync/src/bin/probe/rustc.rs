//! The compiler, asked again: the std-only compile cases of `tests/`, compiled by rustc.
//!
//! trybuild pins every case's message in `cargo test`; this module compiles the cases that
//! need nothing but std once more, with the rustc on `PATH` (or `$RUSTC`), so that the claims
//! table quotes what this run's compiler said, not a file written by an earlier one. The
//! sources are built into the probe with `include_str!`, so there is one copy of each case.
//! Each takes a fraction of a second: rustc stops after type checking (`--emit=metadata`).

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::Context;

/// A case: its file name and source.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The file's name under `tests/compile-fail/` or `tests/compile-pass/`.
    pub name: &'static str,
    source: &'static str,
}

macro_rules! case {
    ($dir:literal, $name:literal) => {
        Case {
            name: $name,
            source: include_str!(concat!("../../../tests/", $dir, "/", $name, ".rs")),
        }
    };
}

/// Every std-only case, the ones that must fail and then the one that must pass.
pub const CASES: [Case; 8] = [
    case!("compile-fail", "rc_is_not_send"),
    case!("compile-fail", "rc_is_not_sync"),
    case!("compile-fail", "cell_is_not_sync"),
    case!("compile-fail", "refcell_is_not_sync"),
    case!("compile-fail", "refcell_of_guard_is_not_send"),
    case!("compile-fail", "raw_pointer_is_not_send"),
    case!("compile-fail", "spawn_bound_borrowing_local"),
    case!("compile-pass", "cells_are_send"),
];

/// What rustc made of one case.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The case's name.
    pub name: &'static str,
    /// Whether it compiled.
    pub compiled: bool,
    /// Its error lines (`error[E0277]: ...`), without the file position.
    pub errors: Vec<String>,
}

impl Compiled {
    /// The first error, or "compiles".
    pub fn said(&self) -> String {
        self.errors
            .first()
            .cloned()
            .unwrap_or_else(|| "compiles".to_owned())
    }
}

/// The compiler's version line, for the table.
pub fn version() -> anyhow::Result<String> {
    let output = Command::new(rustc()).arg("--version").output()?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Compiles every case.
pub fn compile_all() -> anyhow::Result<Vec<Compiled>> {
    let out = tempfile::tempdir()?;
    CASES.iter().map(|case| compile(case, out.path())).collect()
}

fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned())
}

fn compile(case: &Case, out: &std::path::Path) -> anyhow::Result<Compiled> {
    let mut child = Command::new(rustc())
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--crate-name",
            case.name,
            "--emit=metadata",
            "--error-format=short",
            "--out-dir",
        ])
        .arg(out)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", rustc()))?;
    child
        .stdin
        .take()
        .context("rustc's stdin")?
        .write_all(case.source.as_bytes())?;
    let output = child.wait_with_output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Short format: `<anon>:7:19: error[E0277]: `Rc<u32>` cannot be sent between threads
    // safely`; keep what follows the position.
    let errors = stderr
        .lines()
        .filter_map(|line| line.split_once(": error").map(|(_, e)| format!("error{e}")))
        .filter(|line| !line.starts_with("error: aborting"))
        .collect();
    Ok(Compiled {
        name: case.name,
        compiled: output.status.success(),
        errors,
    })
}

/// The table of every case: name, compiles, rustc's first error.
pub fn render(compiled: &[Compiled], version: &str) -> String {
    let mut out = format!(
        "Compiled by `{version}` during this run (`--emit=metadata`: type checking only).\n\n\
         | case | compiles | rustc says |\n| --- | --- | --- |\n"
    );
    for case in compiled {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            case.name,
            if case.compiled { "yes" } else { "no" },
            case.said().replace('|', "\\|")
        ));
    }
    out
}
