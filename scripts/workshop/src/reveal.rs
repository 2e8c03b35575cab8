//! `hint` and `solution`: help, in increasing doses.
//!
//! A hint is always there for the asking. The reference fix is only shown once the learner's
//! own fix passes, to compare the two; reading it first would skip the lesson, so doing that
//! takes an explicit `--show-anyway` and earns a warning.

use std::process::ExitCode;

use anstream::{eprintln, println};
use anyhow::{Context, Result};

use crate::exercise::{Edits, Exercise, Workshop};
use crate::report::{self, BOLD, DIM, WARN};
use crate::run::{self, Build};

/// Prints `hint.md`.
pub fn hint(exercise: &Exercise) -> Result<ExitCode> {
    let path = exercise.hint_file();
    let hint = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the hint {}", path.display()))?;
    println!(
        "{BOLD}Hint for {} ({}){BOLD:#}",
        exercise.title, exercise.id
    );
    println!();
    println!("{}", hint.trim_end());
    Ok(ExitCode::SUCCESS)
}

/// Prints the reference fix, if the exercise passes or `show_anyway`.
pub fn solution(workshop: &Workshop, exercise: &Exercise, show_anyway: bool) -> Result<ExitCode> {
    if show_anyway {
        eprintln!(
            "{WARN}Showing the reference fix before your own passes.{WARN:#} Working it out yourself is the lesson; `cargo workshop hint {}` may be enough.",
            exercise.id
        );
    } else {
        // An untouched starter fails by construction (verify checks that), so there is no need
        // to build anything to say no.
        let why = if exercise.edits()? == Edits::None {
            Some("you have not started it yet".to_string())
        } else {
            report::progress(&format!("building and testing {} ...", exercise.id));
            let outcome = run::test(workshop, exercise, Build::Learner)?;
            (!outcome.passes()).then(|| format!("it {}", outcome.summary()))
        };
        if let Some(why) = why {
            eprintln!(
                "The reference fix for {} is shown once your fix passes, and {why}.\n\
                 Try `cargo workshop hint {}`; to see it anyway: `cargo workshop solution {} --show-anyway`.",
                exercise.id, exercise.id, exercise.id
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    let path = exercise.solution_file();
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let shown = path.strip_prefix(&workshop.root).unwrap_or(&path);
    println!(
        "{DIM}// {} — the reference fix; yours is {}{DIM:#}",
        shown.display(),
        exercise.shown.display()
    );
    println!("{}", text.trim_end());
    Ok(ExitCode::SUCCESS)
}
