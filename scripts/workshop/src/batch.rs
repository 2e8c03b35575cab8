//! Building every answer of an exercise with one cargo command.
//!
//! `verify` tries a dozen or more answers per exercise, each in its own copy of the crate
//! ([`crate::scratch`]). Built by one cargo command each, they took turns: cargo locks the
//! target directory for the whole of a build, and the build of one small crate keeps about one
//! core busy (the library, then its tests, then the links, each waiting for the one before).
//! Given every copy at once, cargo's own scheduler keeps all the cores compiling: eight answers
//! of `cancel-safety` built in 3.6 s in one command, against 7.8 s one after another, on the
//! two-core machine this was written on.
//!
//! Two things make one command as good as many. An answer that does not compile must not stop
//! the others: `--keep-going`. And each answer's compiler messages must be told apart from the
//! others': cargo's JSON messages name the manifest of the package they come from, and carry
//! the compiler's own rendering (`json-diagnostic-rendered-ansi`), so an answer that does not
//! compile shows what `cargo test` would have printed for it alone.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use serde_json::Value;

use crate::exercise::Workshop;
use crate::run::{self, Build, TestBinary};
use crate::scratch::Scratch;

/// What building one copy gave: its test binaries, or the compiler's messages.
pub type Built = Result<Vec<TestBinary>, String>;

/// Builds the tests of every copy in `scratch`, copy `n` as `builds[n]` says.
pub fn build(workshop: &Workshop, scratch: &Scratch, builds: &[Build]) -> Result<Vec<Built>> {
    let mut command = run::cargo(workshop)?;
    command
        // `cargo build --test` builds test executables as `cargo test --no-run` does, and unlike
        // `cargo test` it takes `--keep-going`.
        .args(["build", "--keep-going", "--quiet"])
        .arg("--message-format=json-diagnostic-rendered-ansi")
        .arg("--manifest-path")
        .arg(scratch.manifest());
    for (copy, build) in scratch.copies().iter().zip(builds) {
        command.args(["--package", &copy.package]);
        if *build == Build::Reference {
            command
                .arg("--features")
                .arg(format!("{}/reference", copy.package));
        }
    }
    command
        // The exercises' tests are all in `tests/` (tests/catalogue.rs says so), so only those
        // are built: the library's own test harness would be one more build and link per
        // answer, of a binary with no test in it. A learner's run keeps every target.
        .args(["--test", "*"])
        .env("CARGO_TARGET_DIR", scratch.target_dir())
        // Every answer is built once and only asked whether its tests pass: without debug info
        // the links are much cheaper (a profile setting, so unlike RUSTFLAGS it keeps the
        // workspace's `--cfg tokio_unstable`). Its own target directory means the learner's
        // builds never pay for the different profile.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        // And then thrown away: incremental state saved for a next build that never comes
        // only costs time (about a tenth of verify's, measured here).
        .env("CARGO_PROFILE_DEV_INCREMENTAL", "false");
    let output = run::finish(&mut command)?;

    let dirs: Vec<PathBuf> = scratch
        .copies()
        .iter()
        .map(|copy| canonical(&copy.dir))
        .collect();
    let mut binaries: Vec<Vec<TestBinary>> = dirs.iter().map(|_| Vec::new()).collect();
    let mut messages: Vec<Vec<String>> = dirs.iter().map(|_| Vec::new()).collect();
    let mut failed = vec![false; dirs.len()];
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        // One JSON message per line; one that does not parse, or names no copy (a dependency's
        // artifact), is nothing we need.
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(n) = message["manifest_path"]
            .as_str()
            .and_then(|manifest| Path::new(manifest).parent())
            .and_then(|dir| dirs.iter().position(|d| *d == canonical(dir)))
        else {
            continue;
        };
        if let Some(binary) = TestBinary::from_message(&message, &scratch.copies()[n].dir) {
            binaries[n].push(binary);
        }
        if message["reason"] == "compiler-message" {
            let diagnostic = &message["message"];
            if let Some(rendered) = diagnostic["rendered"].as_str() {
                messages[n].push(rendered.to_string());
            }
            // "error", and "error: internal compiler error" for a compiler crash.
            failed[n] |= diagnostic["level"]
                .as_str()
                .is_some_and(|l| l.starts_with("error"));
        }
    }

    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() && !failed.contains(&true) {
        // cargo stopped before any answer's code was the problem (a manifest, the registry).
        bail!("cargo could not build the answers:\n{}", stderr.trim_end());
    }
    Ok(binaries
        .into_iter()
        .zip(messages)
        .zip(failed)
        .map(|((mut binaries, messages), failed)| {
            if failed {
                return Err(messages.concat());
            }
            run::sort(&mut binaries);
            Ok(binaries)
        })
        .collect())
}

/// `dir` with symbolic links resolved, to compare with the paths cargo reports; as it is when
/// that fails (it cannot name a copy then, which only means a message is not attributed).
fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}
