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
//! Everything is built in a scratch copy of the exercise ([`crate::scratch`]), never in the
//! learner's files, so that nothing verify does can leave a learner's file changed.
//!
//! The output is one line per exercise (failures add indented details below theirs) and a
//! closing `verify: N passed, M failed`, which CI reads.

use std::process::ExitCode;

use anstream::println;
use anyhow::Result;

use crate::alternatives;
use crate::exercise::{Exercise, Workshop};
use crate::report::{BAD, DIM, GOOD};
use crate::run::{self, Outcome};
use crate::scratch::{self, Scratch};

/// Checks `exercises` both ways and prints the tally.
pub fn verify(workshop: &Workshop, exercises: &[&Exercise]) -> Result<ExitCode> {
    let (mut passed, mut failed) = (0, 0);
    let target_dir = scratch::verify_target_dir(workshop)?;
    for exercise in exercises {
        let (ok, line, details) = check(workshop, exercise, &target_dir)?;
        let mark = if ok {
            format!("{GOOD}ok  {GOOD:#}")
        } else {
            format!("{BAD}FAIL{BAD:#}")
        };
        println!("{mark} {}: {line}", exercise.id);
        for detail in details {
            for text in detail.lines() {
                println!("       {DIM}{text}{DIM:#}");
            }
        }
        if ok {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    println!("verify: {passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One exercise: whether it is sound, its line, and details for a failure.
fn check(
    workshop: &Workshop,
    exercise: &Exercise,
    target_dir: &std::path::Path,
) -> Result<(bool, String, Vec<String>)> {
    if !exercise.learner_file().exists() {
        return Ok((
            false,
            format!("{} is missing", exercise.shown.display()),
            vec![],
        ));
    }
    let committed = match exercise.committed() {
        Ok(committed) => committed,
        Err(why) => return Ok((false, why.to_string(), vec![])),
    };
    if exercise.current()? != committed {
        return Ok((
            false,
            format!(
                "{} differs from the committed starter; run verify in a clean clone, or `cargo workshop reset {}` first",
                exercise.shown.display(),
                exercise.id
            ),
            vec![],
        ));
    }

    // Dropped, and so removed, when this function returns, whichever way.
    let scratch = Scratch::new(workshop, exercise, target_dir)?;
    let alternatives::Tried {
        starter,
        reference,
        alternatives: tried,
        broken,
    } = alternatives::try_all(workshop, exercise, &scratch, committed)?;

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

    Ok((
        starter_ok && reference_ok && alternatives_ok,
        format!("{starter_line}, {reference_line}{alternatives_line}"),
        details,
    ))
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
