//! `cargo workshop verify`: the maintainers' check that every exercise teaches something.
//!
//! An exercise is sound when its tests tell the anti-pattern from a fix: they must fail on the
//! starter and pass on the reference fix (`--features reference`). A starter that hangs counts
//! as failing (often the deadlock *is* the lesson) but is named as a hang, so that a hang
//! nobody meant is noticed too.
//!
//! The starter checked is the committed one (git `HEAD`, what CI sees). When the learner's file
//! differs from it we could check the committed text anyway, but a maintainer running verify in
//! a working copy where they have been doing the exercise would then get a result about files
//! they are not looking at; refusing with a clear message is more honest.
//!
//! Where an exercise keeps other answers under `checks/` (see [`crate::alternatives`], which
//! also runs the starter and the reference, all in one pool of workers), every
//! correct one must pass and every plausible wrong one must fail as well.
//!
//! Everything is built in scratch copies of the exercise ([`crate::scratch`]), never in the
//! learner's files, so that nothing verify does can leave a learner's file changed.
//!
//! The output is one line per exercise (failures add indented details below theirs) and a
//! closing `verify: N passed, M failed`, which CI reads.

use std::path::Path;
use std::process::ExitCode;

use anstream::println;
use anyhow::Result;

use crate::alternatives;
use crate::exercise::{Exercise, Workshop};
use crate::report::{BAD, DIM, GOOD};
use crate::run::{self, Outcome};
use crate::scratch;

/// Checks `exercises` both ways and prints the tally.
///
/// One exercise's tests run while the next one's answers build: the tests mostly wait (on a
/// time limit, a heartbeat, a child process), the builds keep every core busy, and overlapped
/// the two cost little more than the builds alone. The lines still come in the exercises'
/// order, each once its exercise is done.
pub fn verify(workshop: &Workshop, exercises: &[&Exercise]) -> Result<ExitCode> {
    let target_dir = scratch::verify_target_dir(workshop)?;
    let mut tally = Tally::default();
    std::thread::scope(|threads| -> Result<()> {
        let mut testing = None;
        for &exercise in exercises {
            let next = prepare(workshop, exercise, &target_dir)?;
            if let Some((previous, tests)) = testing.take() {
                tally.print(previous, finish(workshop, tests)?);
            }
            match next {
                Prepared::Judged(verdict) => tally.print(exercise, verdict),
                Prepared::Built(built) => {
                    let tests =
                        threads.spawn(move || alternatives::test_all(workshop, exercise, built));
                    testing = Some((exercise, tests));
                }
            }
        }
        if let Some((last, tests)) = testing {
            tally.print(last, finish(workshop, tests)?);
        }
        Ok(())
    })?;
    println!("verify: {} passed, {} failed", tally.passed, tally.failed);
    Ok(if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Waits for an exercise's tests, and judges what they found.
fn finish(
    workshop: &Workshop,
    tests: std::thread::ScopedJoinHandle<'_, Result<alternatives::Tried>>,
) -> Result<Verdict> {
    let tried = tests.join().expect("a verify thread panicked")?;
    Ok(judge(workshop, tried))
}

/// Whether an exercise is sound, its line, and details for a failure.
struct Verdict {
    ok: bool,
    line: String,
    details: Vec<String>,
}

/// How many exercises passed and failed so far.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
}

impl Tally {
    /// Prints an exercise's line (and the details of a failure) and counts it.
    fn print(&mut self, exercise: &Exercise, verdict: Verdict) {
        let mark = if verdict.ok {
            format!("{GOOD}ok  {GOOD:#}")
        } else {
            format!("{BAD}FAIL{BAD:#}")
        };
        println!("{mark} {}: {}", exercise.id, verdict.line);
        for detail in verdict.details {
            for text in detail.lines() {
                println!("       {DIM}{text}{DIM:#}");
            }
        }
        if verdict.ok {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
    }
}

/// An exercise ready for its tests, or already judged without them.
enum Prepared {
    Judged(Verdict),
    Built(alternatives::Built),
}

/// Checks that the exercise can be verified at all, then builds every answer of it.
fn prepare(workshop: &Workshop, exercise: &Exercise, target_dir: &Path) -> Result<Prepared> {
    let judged = |line: String| {
        Ok(Prepared::Judged(Verdict {
            ok: false,
            line,
            details: vec![],
        }))
    };
    if !exercise.learner_file().exists() {
        return judged(format!("{} is missing", exercise.shown.display()));
    }
    let committed = match exercise.committed() {
        Ok(committed) => committed,
        Err(why) => return judged(why.to_string()),
    };
    if exercise.current()? != committed {
        return judged(format!(
            "{} differs from the committed starter; run verify in a clean clone, or `cargo workshop reset {}` first",
            exercise.shown.display(),
            exercise.id
        ));
    }
    let built = alternatives::build_all(workshop, exercise, target_dir, committed)?;
    Ok(Prepared::Built(built))
}

/// The verdict on an exercise from what its answers did.
fn judge(workshop: &Workshop, tried: alternatives::Tried) -> Verdict {
    let alternatives::Tried {
        starter,
        reference,
        alternatives: tried,
        broken,
    } = tried;

    let mut details = Vec::new();
    // The starter must compile and have its tests fail (a hang counts as failing).
    let starter_ok = match &starter {
        Outcome::DoesNotCompile(diagnostics) => {
            details.push(diagnostics.trim_end().to_string());
            false
        }
        // A crash counts as failing too: a stack overflow or an abort can be the lesson.
        Outcome::Tested(tested) => {
            !tested.hung.is_empty() || !tested.failed.is_empty() || !tested.crashed.is_empty()
        }
    };
    let starter_line = match (&starter, starter_ok) {
        (_, true) if starter.hangs() => {
            format!(
                "starter hangs (killed after {}s; counts as failing)",
                workshop.timeout.as_secs()
            )
        }
        (_, true) => format!("starter fails ({})", starter.summary()),
        (Outcome::DoesNotCompile(_), false) => "starter does not compile".to_string(),
        (_, false) if starter.passes() => {
            "starter PASSES its tests: they do not catch the anti-pattern".into()
        }
        (_, false) => format!("starter {}", starter.summary()),
    };

    let reference_ok = reference.passes();
    let reference_line = if reference_ok {
        format!("reference {}", reference.summary())
    } else {
        details.push(describe_failure(&reference));
        format!("reference FAILS: it {}", reference.summary())
    };

    let alternatives_line = match (tried, broken.len()) {
        (0, _) => String::new(),
        (n, 0) => format!(
            ", {} behave as expected",
            run::plural(n, "alternative answer")
        ),
        (n, b) => format!(", {b} of {} BROKEN", run::plural(n, "alternative answer")),
    };
    let alternatives_ok = broken.is_empty();
    details.extend(broken);

    Verdict {
        ok: starter_ok && reference_ok && alternatives_ok,
        line: format!("{starter_line}, {reference_line}{alternatives_line}"),
        details,
    }
}

/// The first useful lines of why a run failed, for a detail under the verify line.
fn describe_failure(outcome: &Outcome) -> String {
    match outcome {
        Outcome::DoesNotCompile(diagnostics) => diagnostics.trim_end().to_string(),
        Outcome::Tested(tested) => {
            let mut lines = Vec::new();
            for failure in &tested.failed {
                lines.push(format!("---- {} ({})", failure.test, failure.binary));
                lines.push(failure.message.clone());
            }
            for hang in &tested.hung {
                if !hang.started {
                    lines.push(format!(
                        "{} not run: the time limit was used up",
                        hang.binary
                    ));
                    continue;
                }
                lines.push(format!(
                    "{} hangs; unfinished: {}",
                    hang.binary,
                    hang.unfinished.join(", ")
                ));
            }
            for crash in &tested.crashed {
                if crash.out_of_memory {
                    lines.push(format!(
                        "{} ran out of memory (limit {})",
                        crash.binary,
                        run::bytes(tested.memory_limit)
                    ));
                    continue;
                }
                lines.push(format!("{} crashed: {}", crash.binary, crash.how));
                lines.push(crash.tail.clone());
            }
            lines.join("\n")
        }
    }
}
