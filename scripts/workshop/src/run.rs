//! Compiling an exercise's tests and running them with a time limit.
//!
//! The obvious `cargo test -p exercise-<id>` with a timer around it has two problems. The timer
//! would also count compilation, which can take a minute the first time and must never be
//! mistaken for a hang. And killing cargo on a timeout does not kill the test binary cargo
//! started, so a deadlocked test would be left running. So we split the two:
//!
//! 1. `cargo test --no-run --message-format=json-render-diagnostics` builds the test binaries,
//!    with no time limit, and tells us their paths on stdout as JSON lines. The compiler's
//!    messages, already rendered for humans, arrive on stderr.
//! 2. We run each test binary ourselves, as the leader of its own process group, and kill the
//!    group if it outlives the timeout. There is no cargo in between to orphan anything.
//!
//! What each binary printed is then read by [`crate::libtest`] and summed into an [`Outcome`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use nix::sys::signal::Signal;
use serde_json::Value;

use crate::exercise::{Exercise, Workshop};
use crate::interrupt;
use crate::libtest::{self, Status};

/// Which version of the learner's file to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// `src/<file>.rs`: the learner's work (or the untouched starter).
    Learner,
    /// `--features reference`: `solution/<file>.rs` in its place.
    Reference,
}

/// What happened when an exercise's tests were built and run.
#[derive(Debug)]
pub enum Outcome {
    /// cargo could not build the tests; carries the compiler's rendered messages.
    DoesNotCompile(String),
    /// The tests were built and run.
    Tested(Tested),
}

/// The results of every test binary of one exercise, added up.
#[derive(Debug, Default)]
pub struct Tested {
    /// How many tests passed.
    pub passed: usize,
    /// The tests that failed, with their trimmed messages.
    pub failed: Vec<Failure>,
    /// Binaries killed at the time limit.
    pub hung: Vec<Hang>,
    /// Binaries that died without libtest's summary (an abort, a stack overflow, a signal).
    pub crashed: Vec<Crash>,
    /// The time limit that applied.
    pub timeout: Duration,
}

/// A failed test.
#[derive(Debug)]
pub struct Failure {
    /// The test's name.
    pub test: String,
    /// The test file it lives in, relative to the exercise (`tests/behaviour.rs`).
    pub binary: String,
    /// The panic message and a little of what it printed; see [`libtest::trim`].
    pub message: String,
}

/// A test binary that was still running at the time limit.
#[derive(Debug)]
pub struct Hang {
    /// The test file, relative to the exercise.
    pub binary: String,
    /// The tests that had not finished when it was killed.
    pub unfinished: Vec<String>,
}

/// A test binary that died on its own without finishing.
#[derive(Debug)]
pub struct Crash {
    /// The test file, relative to the exercise.
    pub binary: String,
    /// How it ended ("killed by signal 6 (SIGABRT)", "exit status 3").
    pub how: String,
    /// The last lines it printed.
    pub tail: String,
}

impl Outcome {
    /// Every test passed, and there was at least one. A crate with no tests proves nothing.
    pub fn passes(&self) -> bool {
        match self {
            Outcome::DoesNotCompile(_) => false,
            Outcome::Tested(t) => {
                t.failed.is_empty() && t.hung.is_empty() && t.crashed.is_empty() && t.passed > 0
            }
        }
    }

    /// A test binary had to be killed at the time limit.
    pub fn hangs(&self) -> bool {
        matches!(self, Outcome::Tested(t) if !t.hung.is_empty())
    }

    /// One phrase for a status line: "passes (3 tests)", "2 of 3 tests fail", "hangs", ...
    pub fn summary(&self) -> String {
        let t = match self {
            Outcome::DoesNotCompile(_) => return "does not compile".to_string(),
            Outcome::Tested(t) => t,
        };
        if !t.hung.is_empty() {
            return format!("hangs (killed after {}s)", t.timeout.as_secs());
        }
        if !t.crashed.is_empty() {
            return format!("crashes ({})", t.crashed[0].how);
        }
        if t.total() == 0 {
            return "has no tests".to_string();
        }
        if t.failed.is_empty() {
            return format!("passes ({})", plural(t.total(), "test"));
        }
        t.failing()
    }
}

impl Tested {
    /// Every test we know of: finished, failed, or still running when it was killed.
    pub fn total(&self) -> usize {
        self.passed
            + self.failed.len()
            + self.hung.iter().map(|h| h.unfinished.len()).sum::<usize>()
    }

    /// "2 of 3 tests fail", or "its only test fails".
    pub fn failing(&self) -> String {
        match (self.failed.len(), self.total()) {
            (1, 1) => "its only test fails".to_string(),
            (failed, total) => format!("{failed} of {total} tests fail"),
        }
    }
}

/// "1 test", "3 tests".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Builds the exercise's tests and runs every test binary.
pub fn test(workshop: &Workshop, exercise: &Exercise, build: Build) -> Result<Outcome> {
    // Say plainly that a file is missing rather than show cargo's error about a module file.
    let file = match build {
        Build::Learner => exercise.learner_file(),
        Build::Reference => exercise.solution_file(),
    };
    if !file.exists() {
        let shown = file.strip_prefix(&workshop.root).unwrap_or(&file);
        return Ok(Outcome::DoesNotCompile(format!(
            "{} does not exist; `cargo workshop reset {}` restores the starter from git",
            shown.display(),
            exercise.id
        )));
    }
    let binaries = match compile(workshop, exercise, build)? {
        Ok(binaries) => binaries,
        Err(diagnostics) => return Ok(Outcome::DoesNotCompile(diagnostics)),
    };
    let mut tested = Tested {
        timeout: workshop.timeout,
        ..Tested::default()
    };
    for binary in &binaries {
        run_binary(exercise, binary, workshop.timeout, &mut tested)?;
    }
    Ok(Outcome::Tested(tested))
}

/// A test executable cargo built.
struct TestBinary {
    /// Its source, relative to the exercise directory (`tests/behaviour.rs`, `src/lib.rs`).
    name: String,
    path: PathBuf,
}

/// Step 1: `cargo test --no-run`. The inner `Err` is "does not compile", with the messages.
fn compile(
    workshop: &Workshop,
    exercise: &Exercise,
    build: Build,
) -> Result<Result<Vec<TestBinary>, String>> {
    // Inside `cargo workshop` (and inside `cargo test`), CARGO names the cargo that started us;
    // use the same one rather than whatever `cargo` is first on PATH.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(&workshop.root)
        .args(["test", "--package", &exercise.package, "--no-run"])
        .arg("--message-format=json-render-diagnostics")
        // --quiet drops cargo's "Compiling ..." lines but keeps the compiler's messages, so on
        // failure stderr holds what the learner needs and nothing else.
        .arg("--quiet")
        // Always ask for colour: we print through anstream, which strips it again when our own
        // output is not a terminal or NO_COLOR is set.
        .arg("--color=always");
    if build == Build::Reference {
        command.args(["--features", "reference"]);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());

    let (child, group) =
        interrupt::spawn(&mut command, Signal::SIGINT).context("cannot run cargo")?;
    let output = child.wait_with_output().context("cannot wait for cargo")?;
    drop(group);

    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Ok(Err(stderr));
    }
    let mut binaries = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        // Each stdout line is one JSON message; one that does not parse is skipped rather than
        // fatal, since all we need is the artifacts.
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let is_test =
            message["reason"] == "compiler-artifact" && message["profile"]["test"] == true;
        let (Some(path), true) = (message["executable"].as_str(), is_test) else {
            continue;
        };
        let source = Path::new(message["target"]["src_path"].as_str().unwrap_or(path));
        let name = source
            .strip_prefix(&exercise.dir)
            .unwrap_or(source)
            .display()
            .to_string();
        binaries.push(TestBinary {
            name,
            path: PathBuf::from(path),
        });
    }
    // Tests finish, and cargo reports artifacts, in whatever order they get done; sorting keeps
    // the report in the same order from one run to the next, so a re-run on save does not
    // shuffle the screen.
    binaries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Ok(binaries))
}

/// Everything a test binary printed, and how it ended.
struct Execution {
    stdout: String,
    stderr: String,
    /// `None` when we killed it at the time limit.
    status: Option<ExitStatus>,
}

/// Step 2 and 3 for one binary: run it, read libtest's report, add it to `tested`.
fn run_binary(
    exercise: &Exercise,
    binary: &TestBinary,
    timeout: Duration,
    tested: &mut Tested,
) -> Result<()> {
    let execution = execute(exercise, &binary.path, &[], timeout)?;
    let report = libtest::parse(&execution.stdout);
    let failure = |test: &str, message: String| Failure {
        test: test.to_string(),
        binary: binary.name.clone(),
        message,
    };

    tested.passed += report.count(Status::Ok);
    match execution.status {
        None => {
            // Killed at the time limit, so libtest never printed its failures section: we
            // know which tests finished (their `test x ... ok` lines) but not why the failed
            // ones failed. List all tests to name the unfinished ones, then run the failed ones
            // again on their own, which finish, to get their messages.
            let finished: Vec<&str> = report
                .results
                .iter()
                .map(|(name, _)| name.as_str())
                .collect();
            let all = list_tests(exercise, &binary.path, timeout)?;
            let unfinished = all
                .into_iter()
                .filter(|t| !finished.contains(&t.as_str()))
                .collect();
            tested.hung.push(Hang {
                binary: binary.name.clone(),
                unfinished,
            });

            let failed = report.names(Status::Failed);
            if !failed.is_empty() {
                let mut args = vec!["--exact".to_string()];
                args.extend(failed.iter().cloned());
                let rerun = execute(exercise, &binary.path, &args, timeout)?;
                let rerun = libtest::parse(&rerun.stdout);
                for test in failed {
                    let message = rerun.message(&test).unwrap_or_else(|| {
                        "(no message: it failed in the run that hung, and not when run again alone)".into()
                    });
                    tested.failed.push(failure(&test, message));
                }
            }
        }
        Some(status) if !report.finished => {
            // No "test result:" line: the process died under libtest (abort, stack overflow,
            // a test calling process::exit). Whatever it said last is on stderr or stdout.
            tested.crashed.push(Crash {
                binary: binary.name.clone(),
                how: describe(status),
                tail: last_lines(&format!("{}{}", execution.stdout, execution.stderr), 15),
            });
        }
        Some(_) => {
            for test in report.names(Status::Failed) {
                let message = report.message(&test).unwrap_or_default();
                tested.failed.push(failure(&test, message));
            }
        }
    }
    Ok(())
}

/// `<binary> --list`: every test the binary has.
fn list_tests(exercise: &Exercise, path: &Path, timeout: Duration) -> Result<Vec<String>> {
    let listing = execute(
        exercise,
        path,
        &["--list".into(), "--format=terse".into()],
        timeout,
    )?;
    // Terse listing lines are `<name>: test` (or `: bench`).
    Ok(listing
        .stdout
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_string)
        .collect())
}

/// Runs a test binary with a time limit, in its own process group, and collects its output.
fn execute(
    exercise: &Exercise,
    path: &Path,
    args: &[String],
    timeout: Duration,
) -> Result<Execution> {
    let mut command = Command::new(path);
    command
        .args(args)
        // Like cargo test: tests that open fixtures by relative path expect the package root.
        .current_dir(&exercise.dir)
        .env("CARGO_MANIFEST_DIR", &exercise.dir)
        // A test binary never needs our terminal; one reading it would stop in the background.
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let (mut child, group) = interrupt::spawn(&mut command, Signal::SIGKILL)
        .with_context(|| format!("cannot run {}", path.display()))?;

    // Drain both pipes on threads of their own: a test printing more than a pipe holds would
    // otherwise block, and look to us like a hang.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());

    // Wait on a thread so that this one can wait with a time limit on the channel, instead of
    // polling `try_wait` with sleeps.
    let (done, finished) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let _ = done.send(child.wait());
    });
    let waited = finished.recv_timeout(timeout);
    // Kill the group in both cases: on a timeout it is the point; after a normal exit it takes
    // down anything the tests spawned and left running, which would also keep our pipes open.
    group.kill();
    waiter
        .join()
        .map_err(|_| anyhow!("the waiting thread panicked"))?;
    drop(group);
    let status = match waited {
        Ok(status) => Some(status.context("cannot wait for a test binary")?),
        Err(_) => None,
    };

    Ok(Execution {
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        status,
    })
}

/// Reads a pipe to the end on a thread.
fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// "exit status 3" or "killed by signal 6 (SIGABRT)".
fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => match Signal::try_from(signal) {
            Ok(name) => format!("killed by signal {signal} ({name})"),
            Err(_) => format!("killed by signal {signal}"),
        },
        (None, None) => status.to_string(),
    }
}

/// The last `n` non-empty lines of `text`.
fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
