//! The compile check behind `use-tokio-test-plain-attribute`: three one-test crates, compiled
//! by `rustc` against the Tokio this workspace built, and run when they compile.
//!
//! A verdict about what the compiler accepts should come from the compiler. The probe writes
//! each program to a temporary directory, compiles it with `rustc --test` (linking the
//! `tokio` rlib that `cargo bench` left in the target directory, which has the `macros`
//! feature), runs the test binary if there is one, and reports what happened: the first error
//! line, or the test harness's summary. A `control` program in the canonical
//! `#[tokio::test]` form must compile and pass, or the setup is wrong and the claim is
//! reported as not measured.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use wait_timeout::ChildExt;

/// A compile or test run that takes longer than this is stuck.
const STEP_TIME_LIMIT: Duration = Duration::from_secs(60);

/// The programs, by name.
pub const PROGRAMS: [(&str, &str); 3] = [
    (
        "control",
        "#[tokio::test]\nasync fn runs_on_a_runtime() {\n    tokio::task::yield_now().await;\n}\n",
    ),
    (
        "plain",
        "#[test]\nasync fn runs_on_a_runtime() {\n    tokio::task::yield_now().await;\n}\n",
    ),
    (
        "imported",
        "use tokio::test;\n\n#[test]\nasync fn runs_on_a_runtime() {\n    assert!(tokio::runtime::Handle::try_current().is_ok());\n    tokio::task::yield_now().await;\n}\n",
    ),
];

/// What happened to one program.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Which program.
    pub name: &'static str,
    /// Whether `rustc` accepted it.
    pub compiled: bool,
    /// Whether its one test ran and passed (false when it did not compile).
    pub passed: bool,
    /// The first `error` line, or the harness's `test result:` line.
    pub detail: String,
}

/// Compiles and runs every program; `Err` when there is no Tokio rlib to compile against.
pub fn run(probe_exe: &Path) -> anyhow::Result<Vec<Outcome>> {
    let deps = probe_exe
        .parent()
        .context("the probe has no directory")?
        .join("deps");
    let scratch = std::env::temp_dir().join(format!("rpc-compile-check-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let result = (|| {
        // Newest first: a stale rlib from an older toolchain would fail the control.
        for rlib in tokio_rlibs(&deps)? {
            let outcomes: Vec<Outcome> = PROGRAMS
                .iter()
                .map(|(name, source)| check(name, source, &rlib, &deps, &scratch))
                .collect::<anyhow::Result<_>>()?;
            if outcomes.iter().any(|o| o.name == "control" && o.passed) {
                return Ok(outcomes);
            }
        }
        bail!(
            "no tokio rlib with the `macros` feature in {} compiled the control program (run \
             the bench first: `cargo bench` builds one)",
            deps.display()
        )
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn tokio_rlibs(deps: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut rlibs: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(deps)
        .with_context(|| format!("cannot list {}", deps.display()))?
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("libtokio-") && name.ends_with(".rlib")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    rlibs.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    Ok(rlibs.into_iter().map(|(_, path)| path).collect())
}

fn check(
    name: &'static str,
    source: &str,
    rlib: &Path,
    deps: &Path,
    scratch: &Path,
) -> anyhow::Result<Outcome> {
    let src = scratch.join(format!("{name}.rs"));
    let bin = scratch.join(name);
    std::fs::write(&src, source)?;
    let mut rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()));
    rustc
        .args(["--edition", "2021", "--test", "--crate-name", name])
        .arg(&src)
        .arg("-o")
        .arg(&bin)
        .arg("--extern")
        .arg(format!("tokio={}", rlib.display()))
        .arg("-L")
        .arg(format!("dependency={}", deps.display()));
    let compiled = bounded(&mut rustc)?;
    if !compiled.status.success() {
        let stderr = String::from_utf8_lossy(&compiled.stderr);
        let first_error = stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or("rustc failed without an error line")
            .to_string();
        return Ok(Outcome {
            name,
            compiled: false,
            passed: false,
            detail: first_error,
        });
    }
    let ran = bounded(&mut Command::new(&bin))?;
    let stdout = String::from_utf8_lossy(&ran.stdout);
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("test result:"))
        .unwrap_or("the test binary printed no summary")
        .to_string();
    Ok(Outcome {
        name,
        compiled: true,
        passed: ran.status.success() && summary.contains(" 1 passed"),
        detail: summary,
    })
}

/// Runs `command` to completion within [`STEP_TIME_LIMIT`], collecting its output.
fn bounded(command: &mut Command) -> anyhow::Result<Output> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start rustc or the test binary")?;
    // Output is read after exit; rustc's and the harness's output for one tiny test stay far
    // below a pipe's buffer, so the child never blocks on a full pipe while we wait.
    if child.wait_timeout(STEP_TIME_LIMIT)?.is_none() {
        child.kill()?;
        child.wait()?;
        bail!("a compile-check step did not finish within {STEP_TIME_LIMIT:?}");
    }
    Ok(child.wait_with_output()?)
}
