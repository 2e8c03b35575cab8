//! `cargo xtask test`: every check, in the order CI runs them.
//!
//! One command that a contributor can run before pushing and CI runs on every submission
//! (`.ci/run`), so "it passed locally" and "it passed in CI" mean the same thing. The steps go
//! from cheapest to dearest, so a formatting slip fails in seconds rather than after the
//! build, and the run stops at the first failure: later steps would mostly fail for the same
//! reason and bury the first message.
//!
//! The last line is `xtask test: N passed, M failed`, counting steps, which CI's log reader
//! understands.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::head_start::{self, HeadStart};
use crate::workspace::{self, Workspace, human};
use crate::{generate, mdbook, stalls};

/// The steps, by the name `--skip` takes.
pub const STEPS: [&str; 11] = [
    "fmt",
    "generated",
    "clippy",
    "test",
    "scan",
    "workshop",
    "loom",
    "bench-smoke",
    "stalls",
    "book",
    "browser",
];

/// Runs every step not in `skip`; returns whether every step that ran passed.
///
/// A failed step is reported here, before the closing count, so that the count stays the last
/// line of the output (CI's log reader looks for it there); hence `Ok(false)` rather than an
/// error for the caller to print afterwards.
pub fn run(workspace: &Workspace, skip: &[String]) -> Result<bool> {
    if let Some(unknown) = skip.iter().find(|s| !STEPS.contains(&s.as_str())) {
        // The catalogue's "unknown name" error, so `main` exits 2 as for any usage error.
        return Err(catalogue::Error::Unknown {
            kind: "step",
            name: unknown.clone(),
            valid: STEPS.iter().map(|s| s.to_string()).collect(),
        }
        .into());
    }
    let total = Instant::now();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    // Dropped on every way out of this function, which stops what is still compiling.
    let mut head_start = Some(HeadStart::start(workspace, skip));
    for (i, &name) in STEPS.iter().enumerate() {
        println!(
            "\n=== [{}/{}] {name}: {}",
            i + 1,
            STEPS.len(),
            describe(name)
        );
        if skip.iter().any(|s| s == name) {
            println!("--- {name}: skipped (--skip {name})");
            continue;
        }
        if matches!(name, "stalls" | "book" | "browser") {
            // The stall detector times polls: no compiler may run beside it.
            if let Some(mut compiles) = head_start.take() {
                compiles.finish(workspace);
            }
        }
        let start = Instant::now();
        match step(workspace, name) {
            Ok(Outcome::Passed) => {
                passed += 1;
                println!("--- {name}: passed in {}", human(start.elapsed()));
            }
            Ok(Outcome::Skipped(why)) => {
                skipped += 1;
                println!("--- {name}: SKIPPED, not passed: {why}");
            }
            Err(err) => {
                failed += 1;
                println!(
                    "--- {name}: FAILED after {}\n{err:#}",
                    human(start.elapsed())
                );
                break;
            }
        }
    }
    println!("\nTotal time: {}", human(total.elapsed()));
    if failed > 0 {
        println!(
            "A check failed (see the step marked FAILED above); the steps after it did not run."
        );
    }
    if skipped > 0 {
        println!("xtask test: {passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!("xtask test: {passed} passed, {failed} failed");
    }
    Ok(failed == 0)
}

/// How a step ended when it did not fail.
enum Outcome {
    Passed,
    /// The step could not run on this machine (a tool is missing); never counted as passed.
    Skipped(String),
}

/// What a step does, as the command a person would type.
fn describe(name: &str) -> &'static str {
    match name {
        "fmt" => "cargo fmt --all -- --check",
        "clippy" => "cargo clippy --workspace --all-targets -- -D warnings",
        "test" => "cargo test",
        "scan" => {
            "the scanner: cargo test -p async-scan (self-check on labs/), then the labelled corpus (cargo xtask scan --corpus)"
        }
        "workshop" => "cargo workshop verify",
        "loom" => {
            "cargo test -p <package> --features loom --release, for each package with a `loom` feature"
        }
        "bench-smoke" => "cargo test --benches (each criterion benchmark runs once)",
        "stalls" => {
            "cargo xtask stalls --check: the stall detector on every demo of a lab that blocks"
        }
        "generated" => "cargo xtask generate --check",
        "book" => "mdbook build book (mdBook 0.5.4, installed if missing)",
        "browser" => "cargo run -p book-check: every page in headless Chromium at 1280 px",
        _ => unreachable!("every step is described"),
    }
}

fn step(workspace: &Workspace, name: &str) -> Result<Outcome> {
    if name == "browser" {
        return browser(workspace);
    }
    if name == "scan" {
        return Ok(if crate::scan::test_step(workspace)? {
            Outcome::Passed
        } else {
            Outcome::Skipped("the corpus could not be downloaded from the registry".into())
        });
    }
    run_step(workspace, name).map(|()| Outcome::Passed)
}

/// Opens the built book in headless Chromium; skipped, never passed, without a Chromium.
fn browser(workspace: &Workspace) -> Result<Outcome> {
    let book = workspace.root.join("book/book");
    let mut command = workspace::cargo();
    // In the target directory the head start built it in, so that this finds it built.
    command
        .args(["run", "--quiet", "-p", "book-check", "--target-dir"])
        .arg(head_start::book_check_target_dir(workspace))
        .arg("--")
        .arg(&book);
    println!("$ {}", workspace::display(&command));
    let status = command.status().context("cannot run book-check")?;
    match status.code() {
        Some(0) => Ok(Outcome::Passed),
        Some(SKIPPED) => Ok(Outcome::Skipped(
            "no Chromium on this machine (Debian: `apt-get install chromium`); .ci/run installs it"
                .into(),
        )),
        _ => bail!("the book fails in the browser (see above); fix the chapters or the generator"),
    }
}

/// book-check's exit status for "no browser to check with".
const SKIPPED: i32 = 77;

fn run_step(workspace: &Workspace, name: &str) -> Result<()> {
    let cargo =
        |args: &[&str]| -> Result<Duration> { workspace::run(workspace::cargo().args(args)) };
    match name {
        "fmt" => cargo(&["fmt", "--all", "--", "--check"]).map(drop),
        "clippy" => cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .map(drop),
        // Default members: the root's tests/, the labs and the scripts. Exercises fail on
        // purpose and are checked both ways by the workshop step instead.
        "test" => cargo(&["test"]).map(drop),
        "workshop" => {
            if workspace.package("workshop").is_none() {
                bail!(
                    "the workspace has no `workshop` package, so `cargo workshop verify` cannot run"
                );
            }
            // The `cargo workshop` alias, spelled out: aliases only work as cargo's first word.
            cargo(&["run", "--quiet", "--package", "workshop", "--", "verify"]).map(drop)
        }
        "loom" => {
            let packages: Vec<&str> = workspace
                .packages
                .iter()
                .filter(|p| p.features.contains_key("loom"))
                .map(|p| p.name.as_str())
                .collect();
            if packages.is_empty() {
                println!("No workspace package has a `loom` feature yet; nothing to model-check.");
            }
            for package in packages {
                // Release: loom explores every interleaving, and an unoptimised build makes
                // that many times slower.
                cargo(&["test", "-p", package, "--features", "loom", "--release"])?;
            }
            Ok(())
        }
        // Without `--bench`, criterion's main runs each benchmark once as a test: it proves
        // the benches build and run, without measuring.
        "bench-smoke" => cargo(&["test", "--benches"]).map(drop),
        "stalls" => stalls::check(workspace),
        "generated" => {
            let stale = generate::stale(&workspace.catalogue()?).map_err(anyhow::Error::msg)?;
            if !stale.is_empty() {
                bail!(generate::stale_message(&stale));
            }
            println!("Every file derived from the catalogue is up to date.");
            Ok(())
        }
        "book" => {
            let mdbook = mdbook::ensure(workspace)?;
            let index = mdbook::build(workspace, &mdbook)?;
            println!("The book is at {}", index.display());
            Ok(())
        }
        _ => unreachable!("every step is handled"),
    }
}
