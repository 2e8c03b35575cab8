//! The runner, driven as a learner and as CI would, on a small workspace made for the test.
//!
//! Every test builds its own copy of the fixture (see `fixture/mod.rs`) and runs the real
//! `workshop` binary on it with `--root`. Nothing here sleeps to wait for something: the one
//! time limit is the runner's own `--timeout`, used to detect the `spin` exercise's hang, and a
//! generous guard in the watch test that only fires if the runner is broken.

mod fixture;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use fixture::Fixture;

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
