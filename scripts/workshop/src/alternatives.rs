//! Alternative answers: proof that an exercise's tests judge behaviour, not one fix's shape.
//!
//! Passing on the reference fix only shows the tests accept *that* fix. An exercise may keep
//! other answers a learner could plausibly write under `checks/`: every file in `checks/pass/`
//! is a different correct fix and must pass; every file in `checks/fail/` is a plausible wrong
//! fix (the naive one, the one a popular guide recommends) and must fail. A wrong answer has to
//! fail the way a learner would see it fail, by a failing test or a hang: one that does not
//! compile proves nothing about the tests, so it counts as a broken check.
//!
//! Each alternative is built in place of the learner's file in a scratch copy of the exercise
//! ([`crate::scratch`]), two at a time; the learner's own file is never written.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use crate::exercise::{Exercise, Workshop};
use crate::report;
use crate::run::{self, Build, Outcome};
use crate::scratch::Scratch;

/// What an alternative answer must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Pass,
    Fail,
}

/// How many alternatives are tried at once, each in its own scratch copy. Their tests spend
/// most of their time waiting (a hang runs into the time limit, a heartbeat counts beats), so
/// two at a time nearly halves verify's wall time on a two-core machine; more would make the
/// tests that do burn CPU compete for it. Builds still take turns: cargo locks the target
/// directory, and each copy has its own package path, so their artifacts never collide.
const AT_ONCE: usize = 2;

/// Runs every alternative answer of `exercise`; returns a line per broken check.
pub fn check(
    workshop: &Workshop,
    exercise: &Exercise,
    scratch: &Scratch,
) -> Result<(usize, Vec<String>)> {
    let mut alternatives = Vec::new();
    for (dir, expect) in [("pass", Expect::Pass), ("fail", Expect::Fail)] {
        alternatives.extend(
            files_in(&exercise.dir.join("checks").join(dir))?
                .into_iter()
                .map(|f| (f, expect)),
        );
    }
    let queue = Mutex::new(alternatives.iter());
    let broken = Mutex::new(Vec::new());
    std::thread::scope(|threads| -> Result<()> {
        let workers: Vec<_> = (0..AT_ONCE.min(alternatives.len()))
            .map(|i| {
                let (queue, broken) = (&queue, &broken);
                threads.spawn(move || -> Result<()> {
                    // The first worker uses verify's own copy; the others make theirs.
                    let own;
                    let scratch = if i == 0 {
                        scratch
                    } else {
                        own = scratch.copy(workshop, exercise, i)?;
                        &own
                    };
                    loop {
                        let Some((file, expect)) = queue.lock().expect("no worker panics").next()
                        else {
                            return Ok(());
                        };
                        if let Some(line) = try_one(workshop, exercise, scratch, file, *expect)? {
                            broken.lock().expect("no worker panics").push(line);
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a verify worker panicked")?;
        }
        Ok(())
    })?;
    let mut broken = broken.into_inner().expect("no worker panics");
    // Finished in whatever order the workers took: report in the files' order.
    broken.sort();
    Ok((alternatives.len(), broken))
}

/// Tries one alternative in `scratch`; a line saying how it is broken, if it is.
fn try_one(
    workshop: &Workshop,
    exercise: &Exercise,
    scratch: &Scratch,
    file: &Path,
    expect: Expect,
) -> Result<Option<String>> {
    let name = file
        .strip_prefix(&exercise.dir)
        .unwrap_or(file)
        .display()
        .to_string();
    report::progress(&format!("{}: trying {name} ...", exercise.id));
    let replacement = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
    scratch.put(&exercise.file, &replacement)?;
    let outcome = run::test_in(workshop, exercise, Build::Learner, &scratch.place())?;
    let ok = match (expect, &outcome) {
        (Expect::Pass, outcome) => outcome.passes(),
        (Expect::Fail, Outcome::DoesNotCompile(_)) => false,
        (Expect::Fail, outcome) => !outcome.passes(),
    };
    if ok {
        return Ok(None);
    }
    let wanted = match expect {
        Expect::Pass => "a correct fix, must pass",
        Expect::Fail => "a wrong fix, must fail its tests",
    };
    Ok(Some(format!("{name} ({wanted}): {}", outcome.summary())))
}

/// The `.rs` files directly in `dir`, sorted; none when `dir` does not exist.
fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
