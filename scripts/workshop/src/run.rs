//! Compiling an exercise's tests and running them with a time limit and a memory limit.
//!
//! The obvious `cargo test -p exercise-<id>` with a timer around it has two problems. The timer
//! would also count compilation, which can take a minute the first time and must never be
//! mistaken for a hang. And killing cargo on a timeout does not kill the test binary cargo
//! started, so a deadlocked test would be left running. So we split the two:
//!
//! 1. `cargo test --no-run --message-format=json-render-diagnostics` builds the test binaries,
//!    with no time limit, and tells us their paths on stdout as JSON lines. The compiler's
//!    messages, already rendered for humans, arrive on stderr. (`verify` builds every answer
//!    of an exercise in one such command instead: see [`crate::batch`].)
//! 2. We run the test binaries ourselves, one after another, each as the leader of its own
//!    process group, through [`crate::launch`] (which caps its memory and ties its life to
//!    ours). There is no cargo in between to orphan anything.
//!
//! The time limit is *one* deadline for all of an exercise's test binaries together, fixed when
//! the first starts: "killed after 60s" must mean the learner waited 60 seconds, not 60 per
//! binary. A binary still running at the deadline has its group killed; the binaries after it
//! are not started, and are reported as not finished. The deadline also holds against the
//! pipes: output is read on threads and we never wait for end-of-file past the deadline, since
//! a grandchild that left the process group (a daemon, `setsid`) can hold a pipe open forever.
//!
//! What each binary printed is then read by [`crate::libtest`] and summed into an [`Outcome`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::sys::signal::Signal;
use serde_json::Value;

use crate::exercise::{Exercise, Workshop};
use crate::interrupt;
use crate::launch::{self, Limits};
use crate::libtest::{self, Status};

/// After a test binary has exited, how long its pipes may take to reach end-of-file. Everything
/// it wrote is already in the pipe by then, so this only waits out the scheduling of the
/// reading threads; it ends early the moment both pipes close, which is every time unless a
/// grandchild that escaped the group still holds one open.
const AFTER_EXIT: Duration = Duration::from_secs(1);

/// After a hang, the time allowed for naming the unfinished tests (`--list`) and getting the
/// messages of the tests that failed before it (re-running them alone, which finish): a small
/// allowance on top of the time limit, so that the report says more than "it hung".
const DIAGNOSIS: Duration = Duration::from_secs(10);

/// Where an exercise's crate was built and its tests run: in the workspace, or (for `verify`)
/// in one of the copies of [`crate::scratch`].
#[derive(Debug, Clone)]
pub struct Place {
    /// The crate's directory: where its tests run, and what their paths are shown relative to.
    pub dir: PathBuf,
}

impl Place {
    /// The exercise where it is, in the workspace.
    pub fn workspace(exercise: &Exercise) -> Place {
        Place {
            dir: exercise.dir.clone(),
        }
    }
}

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
    /// The memory limit that applied to each test process, in bytes.
    pub memory_limit: u64,
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

/// A test binary that was still running at the time limit, or never started because the
/// binaries before it used the time up.
#[derive(Debug)]
pub struct Hang {
    /// The test file, relative to the exercise.
    pub binary: String,
    /// The tests that had not finished when it was killed (all of them if it never started).
    pub unfinished: Vec<String>,
    /// Whether it ran at all.
    pub started: bool,
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
    /// Whether it died of an allocation failing: it reached the memory limit.
    pub out_of_memory: bool,
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
        if t.crashed.iter().any(|c| c.out_of_memory) {
            return format!("runs out of memory (limit {})", bytes(t.memory_limit));
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

/// "2 GiB", "64 MiB", "1000 bytes".
pub fn bytes(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    match n {
        n if n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n % MIB == 0 => format!("{} MiB", n / MIB),
        n => format!("{n} bytes"),
    }
}

/// Builds the exercise's tests where it is, and runs every test binary.
pub fn test(workshop: &Workshop, exercise: &Exercise, build: Build) -> Result<Outcome> {
    let place = Place::workspace(exercise);
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
    match compile(workshop, exercise, build, &place)? {
        Ok(binaries) => run_tests(workshop, &place, &binaries),
        Err(diagnostics) => Ok(Outcome::DoesNotCompile(diagnostics)),
    }
}

/// Runs every test binary built at `place`, under the workshop's time and memory limits.
pub fn run_tests(workshop: &Workshop, place: &Place, binaries: &[TestBinary]) -> Result<Outcome> {
    let mut tested = Tested {
        timeout: workshop.timeout,
        memory_limit: workshop.memory_limit,
        ..Tested::default()
    };
    let mut session = Session {
        place,
        limits: Limits {
            // A test binary gets SIGKILL: a deadlocked one may not act on anything gentler.
            on_parent_death: Signal::SIGKILL,
            memory: Some(workshop.memory_limit),
        },
        deadline: Instant::now() + workshop.timeout,
        diagnosis: None,
    };
    for binary in binaries {
        session.run_binary(binary, &mut tested)?;
    }
    Ok(Outcome::Tested(tested))
}

/// One exercise's run of its test binaries: where, under which limits, until when.
struct Session<'a> {
    place: &'a Place,
    limits: Limits,
    /// The one deadline all the binaries share.
    deadline: Instant,
    /// The deadline for naming what hung, set at the first hang.
    diagnosis: Option<Instant>,
}

/// A test executable cargo built.
pub struct TestBinary {
    /// Its source, relative to the exercise directory (`tests/behaviour.rs`, `src/lib.rs`).
    name: String,
    path: PathBuf,
}

/// Step 1: `cargo test --no-run`. The inner `Err` is "does not compile", with the messages.
fn compile(
    workshop: &Workshop,
    exercise: &Exercise,
    build: Build,
    place: &Place,
) -> Result<Result<Vec<TestBinary>, String>> {
    let mut command = cargo(workshop)?;
    command
        .args(["test", "--package", &exercise.package])
        .arg("--no-run")
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
    let output = finish(&mut command)?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Ok(Err(stderr));
    }
    let mut binaries: Vec<TestBinary> = String::from_utf8_lossy(&output.stdout)
        .lines()
        // Each stdout line is one JSON message; one that does not parse is skipped rather than
        // fatal, since all we need is the artifacts.
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|message| TestBinary::from_message(&message, &place.dir))
        .collect();
    sort(&mut binaries);
    Ok(Ok(binaries))
}

/// `cargo`, to be given its arguments: started through [`crate::launch`] from the workspace
/// root, to be run by [`finish`].
pub fn cargo(workshop: &Workshop) -> Result<Command> {
    // Inside `cargo workshop` (and inside `cargo test`), CARGO names the cargo that started us;
    // use the same one rather than whatever `cargo` is first on PATH.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Launched like a test binary, so a SIGKILLed runner stops the build too; SIGINT lets
    // cargo stop its rustc children cleanly. No memory limit: the compiler needs what it needs.
    let limits = Limits {
        on_parent_death: Signal::SIGINT,
        memory: None,
    };
    let mut command = launch::command(Path::new(&cargo), limits)?;
    // From the workspace root even for a scratch copy: cargo reads its configuration (the
    // workspace's rustflags) from the directory it runs in, not from the manifest's.
    command.current_dir(&workshop.root);
    Ok(command)
}

/// Runs a [`cargo`] command to its end, collecting what it printed; Ctrl-C stops it too.
pub fn finish(command: &mut Command) -> Result<Output> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let (child, group) = interrupt::spawn(command, Signal::SIGINT).context("cannot run cargo")?;
    let output = child.wait_with_output().context("cannot wait for cargo")?;
    drop(group);
    Ok(output)
}

impl TestBinary {
    /// The test executable a `compiler-artifact` message from cargo announces, if it is one;
    /// named by its source relative to `dir`, the crate's directory.
    pub fn from_message(message: &Value, dir: &Path) -> Option<TestBinary> {
        let is_test =
            message["reason"] == "compiler-artifact" && message["profile"]["test"] == true;
        let path = message["executable"].as_str().filter(|_| is_test)?;
        let source = Path::new(message["target"]["src_path"].as_str().unwrap_or(path));
        let name = source
            .strip_prefix(dir)
            .unwrap_or(source)
            .display()
            .to_string();
        Some(TestBinary {
            name,
            path: PathBuf::from(path),
        })
    }
}

/// Puts test binaries in the order they are run and reported: by name.
///
/// Tests finish, and cargo reports artifacts, in whatever order they get done; sorting keeps
/// the report in the same order from one run to the next, so a re-run on save does not
/// shuffle the screen.
pub fn sort(binaries: &mut [TestBinary]) {
    binaries.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Everything a test binary printed, and how it ended.
struct Execution {
    stdout: String,
    stderr: String,
    /// `None` when we killed it at the deadline.
    status: Option<ExitStatus>,
}

impl Session<'_> {
    /// Step 2 and 3 for one binary: run it, read libtest's report, add it to `tested`.
    fn run_binary(&mut self, binary: &TestBinary, tested: &mut Tested) -> Result<()> {
        if Instant::now() >= self.deadline {
            // The binaries before it used up the time: it is not started, and none of its tests
            // finished.
            let unfinished = self.list_tests(&binary.path)?;
            tested.hung.push(Hang {
                binary: binary.name.clone(),
                unfinished,
                started: false,
            });
            return Ok(());
        }
        let execution = self.execute(&binary.path, &[], self.deadline)?;
        let report = libtest::parse(&execution.stdout);
        let failure = |test: &str, message: String| Failure {
            test: test.to_string(),
            binary: binary.name.clone(),
            message,
        };

        tested.passed += report.count(Status::Ok);
        match execution.status {
            None => {
                // Killed at the deadline, so libtest never printed its failures section: we
                // know which tests finished (their `test x ... ok` lines) but not why the
                // failed ones failed. List all tests to name the unfinished ones, then run the
                // failed ones again on their own, which finish, to get their messages.
                let finished: Vec<&str> = report
                    .results
                    .iter()
                    .map(|(name, _)| name.as_str())
                    .collect();
                let all = self.list_tests(&binary.path)?;
                let unfinished = all
                    .into_iter()
                    .filter(|t| !finished.contains(&t.as_str()))
                    .collect();
                tested.hung.push(Hang {
                    binary: binary.name.clone(),
                    unfinished,
                    started: true,
                });

                let failed = report.names(Status::Failed);
                if !failed.is_empty() {
                    let mut args = vec!["--exact".to_string()];
                    args.extend(failed.iter().cloned());
                    let until = self.diagnosis_deadline();
                    let rerun = self.execute(&binary.path, &args, until)?;
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
                // No "test result:" line: the process died under libtest (abort, stack
                // overflow, a test calling process::exit). Whatever it said last is on stderr
                // or stdout.
                let printed = format!("{}{}", execution.stdout, execution.stderr);
                tested.crashed.push(Crash {
                    binary: binary.name.clone(),
                    how: describe(status),
                    out_of_memory: ran_out_of_memory(&printed),
                    tail: last_lines(&printed, 15),
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

    /// The deadline for the follow-up runs after a hang, fixed the first time it is asked for.
    fn diagnosis_deadline(&mut self) -> Instant {
        *self
            .diagnosis
            .get_or_insert_with(|| Instant::now() + DIAGNOSIS)
    }

    /// `<binary> --list`: every test the binary has.
    fn list_tests(&mut self, path: &Path) -> Result<Vec<String>> {
        let until = self.diagnosis_deadline();
        let listing = self.execute(path, &["--list".into(), "--format=terse".into()], until)?;
        // Terse listing lines are `<name>: test` (or `: bench`).
        Ok(listing
            .stdout
            .lines()
            .filter_map(|line| line.strip_suffix(": test"))
            .map(str::to_string)
            .collect())
    }

    /// Runs a test binary until it exits or `deadline`, in its own process group, and collects
    /// what it printed by then.
    fn execute(&self, path: &Path, args: &[String], deadline: Instant) -> Result<Execution> {
        let mut command = launch::command(path, self.limits)?;
        command
            .args(args)
            // Like cargo test: tests that open fixtures by relative path expect the package root.
            .current_dir(&self.place.dir)
            .env("CARGO_MANIFEST_DIR", &self.place.dir)
            // A test binary never needs our terminal; one reading it would stop in the background.
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let (mut child, group) = interrupt::spawn(&mut command, Signal::SIGKILL)
            .with_context(|| format!("cannot run {}", path.display()))?;

        // Everything that can happen arrives on one channel, so this thread can wait for all of
        // it with one deadline: each pipe is read on a thread of its own (a test printing more
        // than a pipe holds would otherwise block, and look to us like a hang), and a third
        // thread waits for the exit.
        let (events, happened) = mpsc::channel();
        let stdout = Collected::start(child.stdout.take(), events.clone());
        let stderr = Collected::start(child.stderr.take(), events.clone());
        thread::spawn(move || {
            let _ = events.send(Event::Exited(child.wait()));
        });

        let mut status = None;
        let mut open_pipes = 2;
        let mut until = deadline;
        while status.is_none() || open_pipes > 0 {
            let Some(left) = until.checked_duration_since(Instant::now()) else {
                break;
            };
            match happened.recv_timeout(left) {
                Ok(Event::Exited(exit)) => {
                    status = Some(exit.context("cannot wait for a test binary")?);
                    // Take down anything the tests spawned and left running in the group,
                    // which would also keep our pipes open; then wait for the pipes a little.
                    group.kill();
                    until = until.min(Instant::now() + AFTER_EXIT);
                }
                Ok(Event::Closed) => open_pipes -= 1,
                Err(_) => break,
            }
        }
        // At the deadline it is the point; after an exit it is harmless.
        group.kill();
        drop(group);
        // The reading threads are left to finish on their own: one may be blocked for good on
        // a pipe that an escaped grandchild holds open, and waiting for it is what we must not do.
        Ok(Execution {
            stdout: stdout.text(),
            stderr: stderr.text(),
            status,
        })
    }
}

/// What the threads watching a test binary report.
enum Event {
    /// The binary exited (or waiting for it failed).
    Exited(std::io::Result<ExitStatus>),
    /// One of its pipes reached end-of-file.
    Closed,
}

/// Bytes read from a pipe so far, by a thread that goes on reading until end-of-file.
struct Collected {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Collected {
    fn start(pipe: Option<impl Read + Send + 'static>, events: mpsc::Sender<Event>) -> Collected {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&bytes);
        thread::spawn(move || {
            if let Some(mut pipe) = pipe {
                let mut chunk = [0; 8192];
                loop {
                    match pipe.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => sink
                            .lock()
                            .unwrap_or_else(|poisoned| poisoned.into_inner())
                            .extend_from_slice(&chunk[..n]),
                        Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
            }
            let _ = events.send(Event::Closed);
        });
        Collected { bytes }
    }

    /// What has arrived so far.
    fn text(&self) -> String {
        let bytes = self
            .bytes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Whether a crashed binary's output shows Rust's allocation failure handler at work: it
/// prints "memory allocation of N bytes failed" and aborts.
fn ran_out_of_memory(printed: &str) -> bool {
    printed
        .lines()
        .any(|line| line.starts_with("memory allocation of ") && line.ends_with(" bytes failed"))
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
