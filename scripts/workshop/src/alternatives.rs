//! Alternative answers: proof that an exercise's tests judge behaviour, not one fix's shape.
//!
//! Passing on the reference fix only shows the tests accept *that* fix. An exercise may keep
//! other answers a learner could plausibly write under `checks/`: every file in `checks/pass/`
//! is a different correct fix and must pass; every file in `checks/fail/` is a plausible wrong
//! fix (the naive one, the one a popular guide recommends) and must fail. A wrong answer has to
//! fail the way a learner would see it fail, by a failing test or a hang: one that does not
//! compile proves nothing about the tests, so it counts as a broken check.
//!
//! Verify tries every answer of an exercise (the starter, the reference fix and each
//! alternative) together: each in its own scratch copy ([`crate::scratch`]), so the learner's
//! own file is never written; all built by one cargo command ([`crate::batch`]), which keeps
//! every core compiling; then all tested by a pool of workers, since their tests mostly wait (a
//! starter that hangs waits out the whole time limit) and another answer's can run meanwhile.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use crate::batch;
use crate::exercise::{Exercise, Workshop};
use crate::report;
use crate::run::{self, Build, Outcome, Place};
use crate::scratch::Scratch;

/// What an alternative answer must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Pass,
    Fail,
}

/// One version of the exercise that verify builds and tests.
enum Answer {
    /// The committed starter, in place of whatever the learner's file holds now.
    Starter(Vec<u8>),
    /// `--features reference`: the solution file in place of the learner's.
    Reference,
    /// A file under `checks/pass/` or `checks/fail/`.
    Alternative(PathBuf, Expect),
}

/// How many answers' tests run at once. Their tests spend much of their time waiting (a hang
/// runs into the time limit, a heartbeat counts beats), so while one waits another runs. Three
/// did best of two, three and four on a two-core machine when builds still ran beside the
/// tests; it has not been measured again since the builds moved into one command.
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

/// Every answer of one exercise, built and waiting to be tested.
pub struct Built {
    answers: Vec<Answer>,
    built: Vec<batch::Built>,
    // Removed when the answers have been tested (or on any error before).
    scratch: Scratch,
}

/// Builds the starter (`starter`, the committed text), the reference fix and every
/// alternative answer of `exercise`, in scratch copies under `target_dir`.
pub fn build_all(
    workshop: &Workshop,
    exercise: &Exercise,
    target_dir: &Path,
    starter: Vec<u8>,
) -> Result<Built> {
    // The starter and the reference first: the line verify prints depends on them most.
    let mut answers = vec![Answer::Starter(starter), Answer::Reference];
    for (dir, expect) in [("pass", Expect::Pass), ("fail", Expect::Fail)] {
        answers.extend(
            files_in(&exercise.dir.join("checks").join(dir))?
                .into_iter()
                .map(|f| Answer::Alternative(f, expect)),
        );
    }

    let scratch = Scratch::new(workshop, exercise, target_dir, answers.len())?;
    let mut builds = Vec::with_capacity(answers.len());
    for (n, answer) in answers.iter().enumerate() {
        builds.push(match answer {
            Answer::Starter(text) => {
                scratch.put(n, &exercise.file, text)?;
                Build::Learner
            }
            // The copy's `solution/` is the exercise's; the feature puts it in place.
            Answer::Reference => Build::Reference,
            Answer::Alternative(file, _) => {
                let replacement = std::fs::read(file)
                    .with_context(|| format!("cannot read {}", shown(exercise, file)))?;
                scratch.put(n, &exercise.file, &replacement)?;
                Build::Learner
            }
        });
    }
    report::progress(&format!(
        "{}: building {} answers ...",
        exercise.id,
        answers.len()
    ));
    let built = batch::build(workshop, &scratch, &builds)?;
    Ok(Built {
        answers,
        built,
        scratch,
    })
}

/// Runs the tests of every answer `build_all` built.
pub fn test_all(workshop: &Workshop, exercise: &Exercise, built: Built) -> Result<Tried> {
    let Built {
        answers,
        built,
        scratch,
    } = built;

    let queue = Mutex::new(built.into_iter().enumerate());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|threads| -> Result<()> {
        let workers: Vec<_> = (0..AT_ONCE.min(answers.len()))
            .map(|_| {
                let (queue, done, scratch, answers) = (&queue, &done, &scratch, &answers);
                threads.spawn(move || -> Result<()> {
                    loop {
                        let Some((n, built)) = queue.lock().expect("no worker panics").next()
                        else {
                            return Ok(());
                        };
                        report::progress(&format!(
                            "{}: testing {} ...",
                            exercise.id,
                            describe(exercise, &answers[n])
                        ));
                        let outcome = match built {
                            Ok(binaries) => {
                                let place = Place {
                                    dir: scratch.copies()[n].dir.clone(),
                                };
                                run::run_tests(workshop, &place, &binaries)?
                            }
                            Err(diagnostics) => Outcome::DoesNotCompile(diagnostics),
                        };
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

/// An answer as the progress line names it.
fn describe(exercise: &Exercise, answer: &Answer) -> String {
    match answer {
        Answer::Starter(_) => "the starter".to_string(),
        Answer::Reference => "the reference fix".to_string(),
        Answer::Alternative(file, _) => shown(exercise, file),
    }
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
