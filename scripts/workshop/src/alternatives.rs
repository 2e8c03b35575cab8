//! Alternative answers: proof that an exercise's tests judge behaviour, not one fix's shape.
//!
//! Passing on the reference fix only shows the tests accept *that* fix. An exercise may keep
//! other answers a learner could plausibly write under `checks/`: every file in `checks/pass/`
//! is a different correct fix and must pass; every file in `checks/fail/` is a plausible wrong
//! fix (the naive one, the one a popular guide recommends) and must fail. A wrong answer has to
//! fail the way a learner would see it fail, by a failing test or a hang: one that does not
//! compile proves nothing about the tests, so it counts as a broken check.
//!
//! Verify builds and tests every answer of an exercise (the starter, the reference fix and each
//! alternative) in one pool of workers, each in its own scratch copy ([`crate::scratch`]); the
//! learner's own file is never written. One pool rather than the starter and the reference first
//! and then the rest: their tests mostly wait (a starter that hangs waits out the whole time
//! limit), and in a pool another answer builds meanwhile.

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

/// One version of the exercise that verify builds and tests.
enum Answer {
    /// The committed starter, put back in place of whatever the copy last built.
    Starter(Vec<u8>),
    /// `--features reference`: the solution file in place of the learner's.
    Reference,
    /// A file under `checks/pass/` or `checks/fail/`.
    Alternative(PathBuf, Expect),
}

/// How many answers are tried at once, each in its own scratch copy. Their tests spend most of
/// their time waiting (a hang runs into the time limit, a heartbeat counts beats), so while one
/// answer's tests wait another builds. On a two-core machine three at a time verified
/// `blocking-in-async` and `runtime-per-call` in 65 s, against 83 s for two and 69 s for four:
/// past three, the tests that do burn CPU compete with the builds for it. Builds still take
/// turns: cargo locks the target directory, and each copy has its own package path, so their
/// artifacts never collide.
const AT_ONCE: usize = 3;

/// What every answer of one exercise did.
pub struct Tried {
    /// The committed starter's run.
    pub starter: Outcome,
    /// The reference fix's run.
    pub reference: Outcome,
    /// How many alternatives there were.
    pub alternatives: usize,
    /// A line per alternative that did not behave as expected, in the files' order.
    pub broken: Vec<String>,
}

/// Runs the starter (`starter`, the committed text), the reference fix and every alternative
/// answer of `exercise`.
pub fn try_all(
    workshop: &Workshop,
    exercise: &Exercise,
    scratch: &Scratch,
    starter: Vec<u8>,
) -> Result<Tried> {
    // The starter and the reference first: the line verify prints depends on them most.
    let mut answers = vec![Answer::Starter(starter), Answer::Reference];
    for (dir, expect) in [("pass", Expect::Pass), ("fail", Expect::Fail)] {
        answers.extend(
            files_in(&exercise.dir.join("checks").join(dir))?
                .into_iter()
                .map(|f| Answer::Alternative(f, expect)),
        );
    }
    let queue = Mutex::new(answers.iter().enumerate());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|threads| -> Result<()> {
        let workers: Vec<_> = (0..AT_ONCE.min(answers.len()))
            .map(|i| {
                let (queue, done) = (&queue, &done);
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
                        let Some((n, answer)) = queue.lock().expect("no worker panics").next()
                        else {
                            return Ok(());
                        };
                        let outcome = try_one(workshop, exercise, scratch, answer)?;
                        done.lock().expect("no worker panics").push((n, outcome));
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a verify worker panicked")?;
        }
        Ok(())
    })?;
    let mut done = done.into_inner().expect("no worker panics");
    // Finished in whatever order the workers took: put them back in the answers' order.
    done.sort_by_key(|(n, _)| *n);
    let mut outcomes = done.into_iter().map(|(_, outcome)| outcome);
    let (Some(starter), Some(reference)) = (outcomes.next(), outcomes.next()) else {
        unreachable!(
            "every answer has an outcome, and the first two are the starter and the reference"
        )
    };
    let broken = answers[2..]
        .iter()
        .zip(outcomes)
        .filter_map(|(answer, outcome)| match answer {
            Answer::Alternative(file, expect) => judge(exercise, file, *expect, &outcome),
            Answer::Starter(_) | Answer::Reference => None,
        })
        .collect();
    Ok(Tried {
        starter,
        reference,
        alternatives: answers.len() - 2,
        broken,
    })
}

/// Builds and tests one answer in `scratch`.
fn try_one(
    workshop: &Workshop,
    exercise: &Exercise,
    scratch: &Scratch,
    answer: &Answer,
) -> Result<Outcome> {
    let build = match answer {
        Answer::Starter(text) => {
            report::progress(&format!(
                "{}: building and testing the starter ...",
                exercise.id
            ));
            scratch.put(&exercise.file, text)?;
            Build::Learner
        }
        Answer::Reference => {
            report::progress(&format!(
                "{}: building and testing the reference fix ...",
                exercise.id
            ));
            Build::Reference
        }
        Answer::Alternative(file, _) => {
            report::progress(&format!(
                "{}: trying {} ...",
                exercise.id,
                shown(exercise, file)
            ));
            let replacement = std::fs::read(file)
                .with_context(|| format!("cannot read {}", shown(exercise, file)))?;
            scratch.put(&exercise.file, &replacement)?;
            Build::Learner
        }
    };
    run::test_in(workshop, exercise, build, &scratch.place())
}

/// An alternative's path as the report shows it: relative to the exercise.
fn shown(exercise: &Exercise, file: &Path) -> String {
    file.strip_prefix(&exercise.dir)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// Whether an alternative did what it must; a line saying how it is broken, if not.
fn judge(exercise: &Exercise, file: &Path, expect: Expect, outcome: &Outcome) -> Option<String> {
    let ok = match (expect, outcome) {
        (Expect::Pass, outcome) => outcome.passes(),
        (Expect::Fail, Outcome::DoesNotCompile(_)) => false,
        (Expect::Fail, outcome) => !outcome.passes(),
    };
    if ok {
        return None;
    }
    let wanted = match expect {
        Expect::Pass => "a correct fix, must pass",
        Expect::Fail => "a wrong fix, must fail its tests",
    };
    Some(format!(
        "{} ({wanted}): {}",
        shown(exercise, file),
        outcome.summary()
    ))
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
