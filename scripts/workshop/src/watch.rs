//! `cargo workshop watch`: re-run the current exercise on every save, move on when it passes.
//!
//! We watch the current exercise's whole directory (the learner's file, but also its tests and
//! manifest, in case a maintainer is editing those) and react only to Rust and TOML files, so
//! an editor's swap and backup files do not trigger runs. Editors often save in several steps
//! (write a temporary file, rename it over the old one); the debouncer folds those into one
//! event, and any events that queued up during a run are drained so they cause one re-run, not
//! one each.
//!
//! An event alone does not mean a save, though. notify's inotify backend also reports files
//! being *opened*, so the compiler reading the sources during a run would trigger the next run,
//! forever. So an event only prompts a look: we re-run when the watched files' contents differ
//! from what they were when the last run started, and not otherwise. That also skips a save
//! that changed nothing.
//!
//! Ctrl-C is handled in [`crate::interrupt`], which also stops a test binary that is running.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anstream::{print, println};
use anyhow::{Context, Result};
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use crate::exercise::Workshop;
use crate::progress;
use crate::report::{self, DIM, GOOD};
use crate::run::{self, Build};

/// How long the files must be quiet before a save counts.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Runs until every exercise passes (then exits 0) or the learner presses Ctrl-C.
pub fn watch(workshop: &Workshop) -> Result<ExitCode> {
    let total = workshop.exercises.len();
    let mut start = 0;
    while let Some((index, mut outcome)) = progress::first_unsolved(workshop, start)? {
        let exercise = &workshop.exercises[index];
        let (events, receive) = mpsc::channel::<DebounceEventResult>();
        let mut debouncer = new_debouncer(DEBOUNCE, events).context("cannot watch files")?;
        debouncer
            .watcher()
            .watch(&exercise.dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", exercise.dir.display()))?;

        // What the files held when the outcome on screen was computed. (Strictly, a save made
        // during that first run lands in this snapshot unseen; the next save brings it in.)
        let mut tested = sources(&exercise.dir);
        loop {
            report::heading(index + 1, total, exercise);
            report::outcome(&outcome);
            if outcome.passes() {
                println!("{GOOD}Solved!{GOOD:#} Moving on.");
                break;
            }
            report::next_steps(exercise);
            // Printed only once the watcher is in place: a save after this line is seen.
            let shown = exercise
                .dir
                .strip_prefix(&workshop.root)
                .unwrap_or(&exercise.dir);
            println!(
                "{DIM}Watching {}/ for changes; Ctrl-C to stop.{DIM:#}",
                shown.display()
            );

            tested = wait_for_change(&receive, &exercise.dir, tested)?;
            clear_screen();
            report::progress(&format!("building and testing {} ...", exercise.id));
            outcome = run::test(workshop, exercise, Build::Learner)?;
        }
        start = index + 1;
    }
    progress::all_solved(workshop);
    Ok(ExitCode::SUCCESS)
}

/// Blocks until the exercise's Rust or TOML files differ from `tested`, and returns what they
/// hold now.
fn wait_for_change(
    receive: &mpsc::Receiver<DebounceEventResult>,
    dir: &Path,
    tested: Sources,
) -> Result<Sources> {
    loop {
        let events = receive.recv().context("the file watcher stopped")?;
        let mut relevant = matters(&events);
        // Saves made while the tests ran arrive together now: one run covers them all.
        for more in receive.try_iter() {
            relevant |= matters(&more);
        }
        if relevant {
            let now = sources(dir);
            if now != tested {
                return Ok(now);
            }
        }
    }
}

/// The contents of every Rust and TOML file under a directory, sorted by path.
type Sources = Vec<(PathBuf, Vec<u8>)>;

/// Reads the watched files. Exercises are a handful of small files, so reading them all is
/// cheaper than being clever; a file that vanishes mid-read simply counts as a change.
fn sources(dir: &Path) -> Sources {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if is_source(&path) {
                let contents = std::fs::read(&path).unwrap_or_default();
                found.push((path, contents));
            }
        }
    }
    found.sort();
    found
}

fn matters(events: &DebounceEventResult) -> bool {
    match events {
        Ok(events) => events.iter().any(|event| is_source(&event.path)),
        // A watcher error (for example too many watches) would otherwise make us wait forever
        // without saying why; running again at least shows the current state.
        Err(_) => true,
    }
}

fn is_source(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("rs" | "toml")
    )
}

/// Starts each run on a clean screen, so the output on screen is always the latest run's.
fn clear_screen() {
    if std::io::stdout().is_terminal() {
        print!("\x1b[2J\x1b[H");
        // No newline, so stdout's line buffer would hold this back until after the run, and
        // clear away the progress note printed on stderr meanwhile.
        let _ = std::io::stdout().flush();
    }
}
