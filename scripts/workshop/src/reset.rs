//! `cargo workshop reset <exercise>`: back to the starter, never by surprise.
//!
//! The starter comes from git, as the project committed it (see [`crate::exercise`]): a reset
//! gives what a fresh clone has, even when the learner has committed work of their own on top. Overwriting the learner's file throws their work away, so
//! we ask first. `--yes` answers for them; with no terminal to ask on (a script, CI) and no
//! `--yes`, we refuse instead of guessing.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anstream::{eprintln, print, println};
use anyhow::{Context, Result};

use crate::exercise::Exercise;
use crate::report::{BOLD, GOOD, WARN};

/// Restores the starter of `exercise`, asking first unless `yes`.
pub fn reset(exercise: &Exercise, yes: bool) -> Result<ExitCode> {
    let starter = exercise.starter()?;
    let path = exercise.learner_file();
    let current = std::fs::read(&path).ok();
    if current.as_deref() == Some(starter.as_slice()) {
        println!(
            "{} is already the starter; nothing to reset.",
            exercise.shown.display()
        );
        return Ok(ExitCode::SUCCESS);
    }

    // A missing file holds no work to lose, so only an existing one needs the question.
    if current.is_some() && !yes {
        if !std::io::stdin().is_terminal() {
            eprintln!(
                "{WARN}Not resetting {}{WARN:#}: it has changes that a reset would throw away, and there is no terminal to ask on. Pass --yes to reset anyway.",
                exercise.shown.display()
            );
            return Ok(ExitCode::FAILURE);
        }
        print!(
            "Throw away your changes to {BOLD}{}{BOLD:#} and restore the starter? [y/N] ",
            exercise.shown.display()
        );
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            println!("Left {} as it was.", exercise.shown.display());
            return Ok(ExitCode::FAILURE);
        }
    }

    std::fs::write(&path, &starter).with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "{GOOD}Restored the starter{GOOD:#} of {}: {}",
        exercise.id,
        exercise.shown.display()
    );
    Ok(ExitCode::SUCCESS)
}
