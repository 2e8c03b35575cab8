//! The runner, driven as a learner and as CI would, on a small workspace made for the test.
//!
//! Every test builds its own copy of the fixture (see `fixture/mod.rs`) and runs the real
//! `workshop` binary on it with `--root`. Nothing here sleeps to wait for something: the one
//! time limit is the runner's own `--timeout`, used to detect the `spin` exercise's hang, and a
//! generous guard in the watch test that only fires if the runner is broken.
//!
//! The tests about processes wait for the fixture's blocking code to drop a marker (see
//! `fixture/mod.rs`) and then poll for the outcome, with generous caps ([`GUARD`]) that only a
//! broken runner reaches: those caps fail the test, they never decide what passes.

mod fixture;

use std::io::{BufRead, BufReader};
use std::process::{Child, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fixture::Fixture;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// The most a step below may take before the test gives up on the runner: a guard against a
/// hang, not a measurement.
const GUARD: Duration = Duration::from_secs(60);

/// How long a process the runner should have killed may take to go. Generous for a kill, and
/// below 60 seconds on purpose: at 60 s libtest prints "has been running for over 60 seconds",
/// and an orphaned test binary whose reader is gone dies of that write by itself, which would
/// hide the very leak these tests look for.
const GONE_WITHIN: Duration = Duration::from_secs(30);

/// How often the guarded waits look again.
const POLL: Duration = Duration::from_millis(20);

/// Long enough for a loaded machine to run the `spin` tests that do finish, short enough to
/// keep the suite quick: a hang costs this much each time.
const HANG_TIMEOUT: &str = "5";

#[test]
fn a_learner_goes_from_the_failing_starter_to_the_next_exercise() {
    let fixture = Fixture::both("learner");
    let spin_starter = fixture.read("spin", "src/spin.rs");

    // Nothing started: `list` says so without building anything.
    fixture
        .run(&["list"])
        .expect(0, &["not started", "0/2 solved"]);

    // The starter fails: the runner names the file, the failing test and its assertion, and
    // leaves out cargo's noise.
    let run = fixture.run(&[]);
    run.expect(
        1,
        &[
            "Exercise 1/2: The add exercise (add)",
            "Edit exercises/add/src/add.rs",
            "1 of 2 tests fail",
            "---- adds_two_numbers (tests/behaviour.rs)",
            "assertion `left == right` failed: 2 + 3",
            "left: 6",
            "cargo workshop hint add",
        ],
    );
    assert!(
        !run.stdout.contains("zero_plus_zero"),
        "a passing test is not news:\n{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Compiling") && !run.stderr.contains("Compiling"));
    assert!(!run.stdout.contains("RUST_BACKTRACE"));

    fixture
        .run(&["hint", "add"])
        .expect(0, &["Look at the operator."]);
    let refused = fixture.run(&["solution", "add"]);
    refused.expect(1, &[]);
    assert!(
        refused.stderr.contains("you have not started it yet"),
        "{}",
        refused.stderr
    );

    // A compile error shows the compiler's message.
    fixture.write(
        "add",
        "src/add.rs",
        "pub fn add(a: u32, b: u32) -> u32 { a + }\n",
    );
    let run = fixture.run(&[]);
    run.expect(1, &["does not compile", "expected expression"]);
    fixture
        .run(&["list"])
        .expect(0, &["failing", "does not compile", "0/2 solved"]);

    // Solved: `list` counts it, the solution is shown, and the runner moves on to `spin`,
    // whose starter hangs. The hang is reported as one, naming the test that never finished,
    // and the test that failed before the kill still gets its message.
    fixture.solve("add");
    fixture
        .run(&["list"])
        .expect(0, &["solved", "not started", "1/2 solved"]);
    fixture.run(&["solution", "add"]).expect(0, &["a + b"]);
    let run = fixture.run(&["--timeout", HANG_TIMEOUT]);
    run.expect(
        1,
        &[
            "✓ add solved",
            "Exercise 2/2: The spin exercise (spin)",
            "this exercise hangs: that is the deadlock/blocking this lab is about",
            "killed after 5s",
            "sums_values",
            "---- is_labelled_sum",
            "left: \"total\"",
        ],
    );

    // None of that touched the other exercise.
    assert_eq!(fixture.read("spin", "src/spin.rs"), spin_starter);

    fixture.solve("spin");
    fixture.run(&[]).expect(
        0,
        &[
            "✓ add solved",
            "✓ spin solved",
            "Every exercise is solved (2/2)",
        ],
    );
}

#[test]
fn reset_asks_before_it_overwrites_and_touches_only_its_exercise() {
    let fixture = Fixture::both("reset");
    let starter = fixture.read("add", "src/add.rs");
    let spin = "// the learner's work on spin\n";
    fixture.write("spin", "src/spin.rs", spin);
    fixture.write("add", "src/add.rs", "// the learner's work on add\n");

    // No terminal to ask on and no --yes: the work stays.
    let refused = fixture.run(&["reset", "add"]);
    refused.expect(1, &[]);
    assert!(refused.stderr.contains("Pass --yes"), "{}", refused.stderr);
    assert_eq!(
        fixture.read("add", "src/add.rs"),
        "// the learner's work on add\n"
    );

    fixture
        .run(&["reset", "add", "--yes"])
        .expect(0, &["Restored the starter of add"]);
    assert_eq!(fixture.read("add", "src/add.rs"), starter);
    assert_eq!(fixture.read("spin", "src/spin.rs"), spin);

    fixture
        .run(&["reset", "add"])
        .expect(0, &["already the starter"]);
}

#[test]
fn an_unknown_name_lists_the_valid_ones() {
    let fixture = Fixture::both("unknown");
    for args in [
        &["hint", "nope"][..],
        &["reset", "nope", "--yes"],
        &["verify", "add", "nope"],
    ] {
        let run = fixture.run(args);
        run.expect(2, &[]);
        assert!(
            run.stderr
                .contains("unknown exercise `nope`; valid exercises: add, spin"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn verify_checks_both_ways_and_prints_the_tally() {
    let fixture = Fixture::both("verify");

    let run = fixture.run(&["verify", "--timeout", HANG_TIMEOUT]);
    run.expect(
        0,
        &[
            "ok   add: starter fails (1 of 2 tests fail), reference passes (2 tests)",
            "ok   spin: starter hangs (killed after 5s; counts as failing), reference passes (2 tests)",
        ],
    );
    assert!(
        run.stdout.ends_with("verify: 2 passed, 0 failed\n"),
        "{}",
        run.stdout
    );

    // A modified starter is not checked but refused, with what to do about it.
    fixture.solve("add");
    let run = fixture.run(&["verify", "add"]);
    run.expect(
        1,
        &[
            "FAIL add: exercises/add/src/add.rs differs from the committed starter",
            "reset add",
        ],
    );
    assert!(
        run.stdout.ends_with("verify: 0 passed, 1 failed\n"),
        "{}",
        run.stdout
    );

    // A reference fix that does not pass fails the check, with the failing test's message.
    fixture.run(&["reset", "add", "--yes"]).expect(0, &[]);
    fixture.write(
        "add",
        "solution/add.rs",
        "/// Wrong.\npub fn add(a: u32, b: u32) -> u32 {\n    a.max(b)\n}\n",
    );
    let run = fixture.run(&["verify", "add"]);
    run.expect(
        1,
        &[
            "FAIL add: starter fails",
            "reference FAILS: it 1 of 2 tests fail",
            "adds_two_numbers",
        ],
    );
    assert!(
        run.stdout.ends_with("verify: 0 passed, 1 failed\n"),
        "{}",
        run.stdout
    );

    // One answer that does not compile shows its own compiler message, and does not stop the
    // others, built by the same cargo command, from being built and judged.
    fixture.write(
        "add",
        "solution/add.rs",
        "/// Wrong.\npub fn add(a: u32, b: u32) -> u32 {\n    \"no\"\n}\n",
    );
    let run = fixture.run(&["verify", "add"]);
    run.expect(
        1,
        &[
            "FAIL add: starter fails (1 of 2 tests fail), reference FAILS: it does not compile",
            "mismatched types",
        ],
    );
}

#[test]
fn watch_reruns_on_save_and_stops_when_all_pass() {
    let fixture = Fixture::add_only("watch");
    let mut child = fixture
        .workshop()
        .arg("watch")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start watch");
    let (lines, seen) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    // Only a guard against a broken runner: every step below is announced by a line.
    let next_line = || seen.recv_timeout(Duration::from_secs(300));
    let mut wait_for = |text: &str| {
        let mut transcript = String::new();
        loop {
            match next_line() {
                Ok(line) if line.contains(text) => return,
                Ok(line) => transcript += &format!("{line}\n"),
                Err(_) => {
                    let _ = child.kill();
                    panic!("watch never printed {text:?}; it printed:\n{transcript}");
                }
            }
        }
    };

    wait_for("1 of 2 tests fail");
    // The runner says "Watching" once its watcher is in place, so this save is seen.
    wait_for("Watching");
    fixture.solve("add");
    wait_for("Solved! Moving on.");
    wait_for("Every exercise is solved (1/1)");
    let status = child.wait().expect("watch ends");
    assert!(status.success(), "{status}");
}

/// Waits [`POLL`] before looking again.
#[expect(
    clippy::disallowed_methods,
    reason = "a synchronous test polling /proc and a directory: there is no event to wait on"
)]
fn pause() {
    std::thread::sleep(POLL);
}

/// Waits for the fixture's blocking code to drop its marker, and returns the pid it names.
fn wait_for_marker(fixture: &Fixture, runner: &mut Child) -> i32 {
    let started = Instant::now();
    loop {
        let entries = std::fs::read_dir(fixture.markers()).expect("markers directory");
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_suffix(".pid") {
                return pid.parse().expect("a pid");
            }
        }
        if let Some(status) = runner.try_wait().expect("poll the runner") {
            panic!("the runner ended ({status}) before the blocking code ran");
        }
        if started.elapsed() > GUARD {
            let _ = runner.kill();
            panic!("the blocking code never ran within {GUARD:?}");
        }
        pause();
    }
}

/// Whether process `pid` has ended: no longer there, or a zombie waiting to be reaped.
fn ended(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state is the field after the command name, which is in parentheses.
        Ok(stat) => matches!(
            stat.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().chars().next()),
            Some(Some('Z' | 'X'))
        ),
    }
}

/// Polls until `pid` has ended; panics with `what` if it is still there after
/// [`GONE_WITHIN`].
fn wait_until_ended(pid: i32, what: &str) {
    let started = Instant::now();
    while !ended(pid) {
        if started.elapsed() > GONE_WITHIN {
            let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
            panic!("{what} (pid {pid}) is still running {GONE_WITHIN:?} later");
        }
        pause();
    }
}

/// Waits for the runner to end and collects its output; panics if it takes over [`GUARD`].
fn finish(runner: Child) -> Output {
    let pid = runner.id() as i32;
    let (done, output) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(runner.wait_with_output());
    });
    match output.recv_timeout(GUARD) {
        Ok(output) => output.expect("wait for the runner"),
        Err(_) => {
            let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
            panic!("the runner did not return within {GUARD:?}");
        }
    }
}

/// Starts the runner with `args`, its output piped.
fn start(fixture: &Fixture, args: &[&str]) -> Child {
    fixture
        .workshop()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the runner")
}

/// Runs a learner's file that never returns, stops the runner with `signal` once the test is
/// running, and checks that the test process went with it.
fn stopping_the_runner_stops_its_test(test: &str, signal: Signal) {
    let fixture = Fixture::only(test, "forever");
    let spins = fixture.read("forever", "checks/fail/spins.rs");
    fixture.write("forever", "src/forever.rs", &spins);
    let mut runner = start(&fixture, &["--timeout", "600"]);
    let spinning = wait_for_marker(&fixture, &mut runner);

    kill(Pid::from_raw(runner.id() as i32), signal).expect("signal the runner");
    let output = finish(runner);
    wait_until_ended(spinning, "the test binary the runner was running");

    use std::os::unix::process::ExitStatusExt;
    if signal == Signal::SIGKILL {
        assert_eq!(
            output.status.signal(),
            Some(Signal::SIGKILL as i32),
            "{output:?}"
        );
    } else {
        // As a shell reports a process ended by that signal.
        assert_eq!(
            output.status.code(),
            Some(128 + signal as i32),
            "{output:?}"
        );
    }
}

#[test]
fn sigterm_takes_the_running_test_down() {
    stopping_the_runner_stops_its_test("sigterm", Signal::SIGTERM);
}

#[test]
fn sighup_takes_the_running_test_down() {
    stopping_the_runner_stops_its_test("sighup", Signal::SIGHUP);
}

#[test]
fn sigint_and_sigquit_take_the_running_test_down() {
    stopping_the_runner_stops_its_test("sigint", Signal::SIGINT);
    stopping_the_runner_stops_its_test("sigquit", Signal::SIGQUIT);
}

#[test]
fn a_killed_runner_takes_the_running_test_down() {
    stopping_the_runner_stops_its_test("sigkill", Signal::SIGKILL);
}

#[test]
fn verify_stopped_mid_way_leaves_the_learners_files_alone() {
    let fixture = Fixture::only("verify-stopped", "forever");
    let learner = std::fs::read(fixture.path("forever", "src/forever.rs")).expect("read");
    // The starter fails and the reference passes quickly; then verify tries the wrong answer
    // `checks/fail/spins.rs`, which never returns. That is when it is stopped.
    let mut runner = start(&fixture, &["verify", "--timeout", "600"]);
    let spinning = wait_for_marker(&fixture, &mut runner);

    kill(Pid::from_raw(runner.id() as i32), Signal::SIGTERM).expect("signal the runner");
    let output = finish(runner);
    wait_until_ended(spinning, "the alternative answer's test binary");
    assert_eq!(output.status.code(), Some(143), "{output:?}");

    let now = std::fs::read(fixture.path("forever", "src/forever.rs")).expect("read");
    assert!(
        now == learner,
        "verify changed the learner's file to:\n{}",
        String::from_utf8_lossy(&now)
    );
    assert_no_scratch_left(&fixture);
}

/// Verify's scratch copies live in `<target>/workshop-verify/scratch-*`; none may remain.
fn assert_no_scratch_left(fixture: &Fixture) {
    let dir = fixture.target().join("workshop-verify");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .expect("verify's target directory")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("scratch-"))
        .collect();
    assert!(left.is_empty(), "left in {}: {left:?}", dir.display());
}

#[test]
fn a_daemon_holding_the_output_open_does_not_hold_up_the_run() {
    let fixture = Fixture::only("escape", "escape");
    // Its test passes at once, but leaves `sleep 120` in a session of its own holding the test
    // binary's stdout: the runner must not wait for that pipe to close.
    let runner = start(&fixture, &["--timeout", "2"]);
    let output = finish(runner);
    for entry in std::fs::read_dir(fixture.markers())
        .expect("markers")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(Ok(daemon)) = name.strip_suffix(".pid").map(str::parse::<i32>) {
            let _ = kill(Pid::from_raw(daemon), Signal::SIGKILL);
        }
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        stdout.contains("Every exercise is solved (1/1)"),
        "{stdout}"
    );
}

#[test]
fn the_time_limit_covers_all_the_test_binaries_together() {
    let fixture = Fixture::only("slow", "slow");
    let output = finish(start(&fixture, &["--timeout", "2"]));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    // The first binary uses up the time; the other two are not even started.
    for expected in [
        "this exercise hangs",
        "It was killed after 2s",
        "waits (tests/a.rs)",
        "tests/b.rs (not run: the tests before it used up the time)",
        "tests/c.rs (not run: the tests before it used up the time)",
    ] {
        assert!(stdout.contains(expected), "lacks {expected:?}:\n{stdout}");
    }
}

#[test]
fn an_allocation_loop_is_reported_as_out_of_memory() {
    let fixture = Fixture::only("hungry", "hungry");
    // It keeps 1 GiB: with the test processes capped at 64 MiB, the allocation fails.
    let run = fixture.run(&["--memory-limit", "64", "--timeout", "30"]);
    run.expect(
        1,
        &[
            "tests/behaviour.rs ran out of memory (limit 64 MiB)",
            "memory allocation of",
        ],
    );
    // Under the default limit of 2 GiB, the same test passes: the cap is what failed it.
    fixture
        .run(&["--timeout", "30"])
        .expect(0, &["Every exercise is solved (1/1)"]);
}

#[test]
fn committed_work_is_neither_not_started_nor_the_starter() {
    let fixture = Fixture::add_only("committed");
    let starter = fixture.read("add", "src/add.rs");
    fixture.solve("add");
    let solved = fixture.read("add", "src/add.rs");
    fixture.commit("my fix for add");

    fixture.run(&["list"]).expect(0, &["solved", "1/1 solved"]);
    fixture.run(&["solution", "add"]).expect(0, &["a + b"]);

    // Reset asks first (here it cannot, so it refuses), then restores the project's starter,
    // not the learner's commit.
    let refused = fixture.run(&["reset", "add"]);
    refused.expect(1, &[]);
    assert!(refused.stderr.contains("Pass --yes"), "{}", refused.stderr);
    assert_eq!(fixture.read("add", "src/add.rs"), solved);
    fixture
        .run(&["reset", "add", "--yes"])
        .expect(0, &["Restored the starter of add"]);
    assert_eq!(fixture.read("add", "src/add.rs"), starter);
    fixture
        .run(&["list"])
        .expect(0, &["not started", "0/1 solved"]);
}

#[test]
fn every_usage_error_exits_2() {
    let fixture = Fixture::add_only("usage");
    for args in [
        &["bogus"][..],
        &["--bogus"],
        &["--timeout", "0"],
        &["--timeout", "soon"],
        &["--memory-limit", "0"],
        &["--memory-limit", "lots"],
        &["hint"],
        &["reset"],
        &["hint", "nope"],
        &["solution", "nope"],
        &["reset", "nope", "--yes"],
        &["verify", "nope"],
    ] {
        let run = fixture.run(args);
        assert_eq!(run.code, Some(2), "{args:?}:\n{}{}", run.stdout, run.stderr);
    }
    // Not through `fixture.run`, which passes the fixture's own --root.
    let nowhere = fixture.root().join("no-such-directory");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_workshop"))
        .arg("--root")
        .arg(&nowhere)
        .arg("list")
        .output()
        .expect("run the workshop binary");
    assert_eq!(output.status.code(), Some(2), "--root nowhere: {output:?}");
}
