//! Showing a learner what happened, in as few lines as tell the whole story.
//!
//! Everything is printed through `anstream`, which drops the colours when the output is not a
//! terminal or `NO_COLOR` is set; the words alone must carry the meaning, so every coloured
//! mark also has a word ("solved", "fails", "hangs").

use std::io::IsTerminal;

use anstream::{eprintln, println};
use anstyle::{AnsiColor, Style};

use crate::exercise::Exercise;
use crate::run::{Outcome, Tested, bytes, plural};

/// Green, for what passed.
pub const GOOD: Style = AnsiColor::Green.on_default().bold();
/// Red, for what failed.
pub const BAD: Style = AnsiColor::Red.on_default().bold();
/// Yellow, for hangs and warnings.
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
/// Bold, for headings and things to type.
pub const BOLD: Style = Style::new().bold();
/// Dim, for asides.
pub const DIM: Style = Style::new().dimmed();

/// How many failures to show in full; past that, only their names.
const SHOWN_FAILURES: usize = 5;

/// A progress note on stderr ("building runtime-per-call ..."), only for a person watching:
/// in CI logs and in tests the results alone are clearer.
pub fn progress(message: &str) {
    if std::io::stderr().is_terminal() {
        eprintln!("{DIM}{message}{DIM:#}");
    }
}

/// The heading of the exercise the learner is on, with the file to edit.
pub fn heading(position: usize, total: usize, exercise: &Exercise) {
    println!();
    println!(
        "{BOLD}Exercise {position}/{total}: {} ({}){BOLD:#}",
        exercise.title, exercise.id
    );
    println!("Edit {BOLD}{}{BOLD:#}", exercise.shown.display());
    println!();
}

/// The full story of a run that did not pass: what failed and why.
pub fn outcome(outcome: &Outcome) {
    match outcome {
        Outcome::DoesNotCompile(diagnostics) => {
            println!("{BAD}✗ does not compile{BAD:#}");
            println!();
            println!("{}", diagnostics.trim_end());
            println!();
        }
        Outcome::Tested(tested) if outcome.passes() => {
            println!("{GOOD}✓ passes{GOOD:#} ({})", plural(tested.passed, "test"));
        }
        Outcome::Tested(tested) => failures(tested),
    }
}

fn failures(tested: &Tested) {
    if tested.total() == 0 && tested.crashed.is_empty() {
        println!(
            "{BAD}✗ no tests ran{BAD:#}: an exercise is judged by its tests, and this one has none."
        );
        println!();
    }
    if !tested.hung.is_empty() {
        println!(
            "{WARN}✗ this exercise hangs: that is the deadlock/blocking this lab is about.{WARN:#}"
        );
        println!(
            "  It was killed after {}s. Tests that never finished:",
            tested.timeout.as_secs()
        );
        for hang in &tested.hung {
            if !hang.started {
                println!(
                    "    {} {DIM}(not run: the tests before it used up the time){DIM:#}",
                    hang.binary
                );
                continue;
            }
            if hang.unfinished.is_empty() {
                println!("    {} (could not tell which test)", hang.binary);
            }
            for test in &hang.unfinished {
                println!("    {BOLD}{test}{BOLD:#} {DIM}({}){DIM:#}", hang.binary);
            }
        }
        println!();
    }
    for crash in &tested.crashed {
        if crash.out_of_memory {
            println!(
                "{BAD}✗ {} ran out of memory (limit {}){BAD:#}: an allocation failed and it aborted.",
                crash.binary,
                bytes(tested.memory_limit)
            );
            println!("  Something grows without bound; `--memory-limit` sets the limit in MiB.");
        } else {
            println!("{BAD}✗ {} crashed: {}{BAD:#}", crash.binary, crash.how);
        }
        println!("{}", indent(&crash.tail));
        println!();
    }
    if !tested.failed.is_empty() {
        println!("{BAD}✗ {}{BAD:#}", tested.failing());
        println!();
    }
    for failure in tested.failed.iter().take(SHOWN_FAILURES) {
        println!(
            "{BOLD}---- {}{BOLD:#} {DIM}({}){DIM:#}",
            failure.test, failure.binary
        );
        println!("{}", indent(&failure.message));
        println!();
    }
    if tested.failed.len() > SHOWN_FAILURES {
        let rest: Vec<&str> = tested.failed[SHOWN_FAILURES..]
            .iter()
            .map(|f| f.test.as_str())
            .collect();
        println!("Also failing: {}", rest.join(", "));
        println!();
    }
}

/// What to do next, after a failing exercise.
pub fn next_steps(exercise: &Exercise) {
    println!(
        "{DIM}Stuck? `cargo workshop hint {}`. Re-run with `cargo workshop`, or `cargo workshop watch` to re-run on every save.{DIM:#}",
        exercise.id
    );
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
