//! The compiler, asked directly: the std-only compile cases, compiled by rustc.
//!
//! The cases that need nothing but std live in `tests/std-fail/` (must be refused) and
//! `tests/std-pass/` (must compile). `tests/std_cases.rs` runs this module in `cargo test` and
//! pins every refused case to rustc's exact error lines (`<case>.errors` beside it); the probe
//! runs it again so that the claims table quotes what this run's compiler said, not a file
//! written by an earlier one. The sources are built in with `include_str!`, so there is one
//! copy of each case.
//!
//! rustc, not trybuild: each case is one rustc process that stops after type checking
//! (`--emit=metadata`), a fraction of a second for all of them, where trybuild builds a cargo
//! project with every dependency of the lab in a target directory of its own (about 45 s on a
//! cold CI runner, for the same pinned message). So every case is std only: Tokio's spawn is
//! stood in for by a function with its bounds, and this crate's own types are checked by the
//! negative static assertions of `tests/auto_traits.rs`.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::Context;

/// A case: its file name, whether it must compile, and its source.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The file's name under `tests/std-fail/` or `tests/std-pass/`.
    pub name: &'static str,
    /// Whether it is a `std-pass` case.
    pub must_compile: bool,
    source: &'static str,
    /// rustc's message pinned beside a `std-fail` case (`<case>.stderr`); empty for a pass.
    pinned: &'static str,
}

macro_rules! case {
    (fail, $name:literal) => {
        Case {
            name: $name,
            must_compile: false,
            source: include_str!(concat!("../../../tests/std-fail/", $name, ".rs")),
            pinned: include_str!(concat!("../../../tests/std-fail/", $name, ".stderr")),
        }
    };
    (pass, $name:literal) => {
        Case {
            name: $name,
            must_compile: true,
            source: include_str!(concat!("../../../tests/std-pass/", $name, ".rs")),
            pinned: "",
        }
    };
}

/// Every std-only case, the ones that must fail and then the one that must pass.
pub const CASES: [Case; 9] = [
    case!(fail, "rc_is_not_send"),
    case!(fail, "rc_is_not_sync"),
    case!(fail, "cell_is_not_sync"),
    case!(fail, "refcell_is_not_sync"),
    case!(fail, "refcell_of_guard_is_not_send"),
    case!(fail, "raw_pointer_is_neither"),
    case!(fail, "spawn_bound_borrowing_local"),
    case!(fail, "guard_across_await"),
    case!(pass, "cells_are_send"),
];

/// What rustc made of one case.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The case's name.
    pub name: &'static str,
    /// Whether it compiled.
    pub compiled: bool,
    /// Its error lines (`error[E0277]: ...`).
    pub errors: Vec<String>,
    /// rustc's whole message, the source named `<anon>` (it is read from stdin).
    pub stderr: String,
    /// Whether it went as the case says: a pass compiled; a fail was refused with exactly
    /// the pinned message.
    pub as_pinned: bool,
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
            // The human format, as trybuild pins it: the notes say *which* field or guard
            // is the culprit; the short format keeps only the headline.
            "--color=never",
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
    // Each error opens with a line `error[E0277]: `Rc<u32>` cannot be sent between threads
    // safely`; the summary line at the end is not one.
    let compiled = output.status.success();
    let as_pinned = if case.must_compile {
        compiled
    } else {
        !compiled && stderr == case.pinned
    };
    let errors = stderr
        .lines()
        .filter(|line| line.starts_with("error"))
        .filter(|line| !line.starts_with("error: aborting"))
        .map(str::to_owned)
        .collect();
    Ok(Compiled {
        name: case.name,
        compiled,
        errors,
        stderr: stderr.into_owned(),
        as_pinned,
    })
}

/// The table of every case: name, compiles, rustc's first error.
pub fn render(compiled: &[Compiled], version: &str) -> String {
    let mut out = format!(
        "Compiled by `{version}` during this run (`--emit=metadata`: type checking only).\n\n\
         | case | compiles | as pinned | rustc says |\n| --- | --- | --- | --- |\n"
    );
    for case in compiled {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            case.name,
            if case.compiled { "yes" } else { "no" },
            if case.as_pinned { "yes" } else { "**no**" },
            case.said().replace('|', "\\|")
        ));
    }
    // A case that drifted from its pinned message (a new toolchain): show all rustc said.
    for case in compiled.iter().filter(|case| !case.as_pinned) {
        out.push_str(&format!(
            "\n`{}` is not as pinned; rustc said:\n\n```text\n{}```\n",
            case.name, case.stderr
        ));
    }
    out
}
