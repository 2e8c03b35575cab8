//! Where the learner is: `cargo workshop` (the next exercise) and `cargo workshop list`.
//!
//! Progress is never stored. An exercise is solved when its tests pass on the learner's file,
//! and not started when that file is still byte for byte the committed starter, so both are
//! found again each time by looking at the files and running the tests. A state file would be
//! one more thing that could disagree with the code in front of the learner.

use std::process::ExitCode;

use anstream::println;
use anyhow::Result;

use crate::exercise::{Edits, Exercise, Workshop};
use crate::report::{self, BAD, BOLD, DIM, GOOD, WARN};
use crate::run::{self, Build, Outcome};

/// `cargo workshop`: finds the first exercise that does not pass and shows why.
pub fn next(workshop: &Workshop) -> Result<ExitCode> {
    match first_unsolved(workshop, 0)? {
        Some((index, outcome)) => {
            let exercise = &workshop.exercises[index];
            report::heading(index + 1, workshop.exercises.len(), exercise);
            report::outcome(&outcome);
            report::next_steps(exercise);
            // Non-zero, like the failing `cargo test` it stands for.
            Ok(ExitCode::FAILURE)
        }
        None => {
            all_solved(workshop);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs the exercises from `start` on, in catalogue order, printing a line for each one that
/// passes, and returns the first that does not with its outcome.
pub fn first_unsolved(workshop: &Workshop, start: usize) -> Result<Option<(usize, Outcome)>> {
    for (index, exercise) in workshop.exercises.iter().enumerate().skip(start) {
        report::progress(&format!("building and testing {} ...", exercise.id));
        let outcome = run::test(workshop, exercise, Build::Learner)?;
        if !outcome.passes() {
            return Ok(Some((index, outcome)));
        }
        println!("{GOOD}✓{GOOD:#} {} solved", exercise.id);
    }
    Ok(None)
}

/// The closing line when nothing is left.
pub fn all_solved(workshop: &Workshop) {
    println!();
    println!(
        "{GOOD}Every exercise is solved ({n}/{n}).{GOOD:#} `cargo workshop solution <exercise>` shows the reference fixes to compare with yours.",
        n = workshop.exercises.len()
    );
}

/// Where one exercise stands, for `list`.
enum Standing {
    Solved,
    NotStarted,
    Failing(String),
}

/// `cargo workshop list`: every exercise, its status, and the count solved.
pub fn list(workshop: &Workshop) -> Result<ExitCode> {
    let width = workshop
        .exercises
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(0);
    let mut solved = 0;
    let mut current_marked = false;
    for (index, exercise) in workshop.exercises.iter().enumerate() {
        let standing = standing(workshop, exercise)?;
        let status = match &standing {
            Standing::Solved => format!("{GOOD}solved{GOOD:#}     "),
            Standing::NotStarted => format!("{DIM}not started{DIM:#}"),
            Standing::Failing(_) => format!("{BAD}failing{BAD:#}    "),
        };
        // The arrow marks the exercise `cargo workshop` would show.
        let marker = if !current_marked && !matches!(standing, Standing::Solved) {
            current_marked = true;
            "→"
        } else {
            " "
        };
        let detail = match &standing {
            Standing::Failing(why) => format!(" — {WARN}{why}{WARN:#}"),
            _ => String::new(),
        };
        println!(
            "{marker} {:>2}. {:<width$}  {status}  {}{detail}",
            index + 1,
            exercise.id,
            exercise.title
        );
        if let Standing::Solved = standing {
            solved += 1;
        }
    }
    println!();
    println!("{BOLD}{solved}/{} solved{BOLD:#}", workshop.exercises.len());
    Ok(ExitCode::SUCCESS)
}

/// Solved, failing (and why), or not started, which is decided without running anything.
fn standing(workshop: &Workshop, exercise: &Exercise) -> Result<Standing> {
    if !exercise.learner_file().exists() {
        return Ok(Standing::Failing(format!(
            "{} is missing",
            exercise.shown.display()
        )));
    }
    if exercise.edits()? == Edits::None {
        return Ok(Standing::NotStarted);
    }
    report::progress(&format!("building and testing {} ...", exercise.id));
    let outcome = run::test(workshop, exercise, Build::Learner)?;
    Ok(if outcome.passes() {
        Standing::Solved
    } else {
        Standing::Failing(outcome.summary())
    })
}
