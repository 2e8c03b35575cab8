//! `cargo workshop`: the runner a learner uses to work through the exercises, and the check CI
//! uses to keep them honest.
//!
//! Each exercise (`exercises/<id>/`) starts from an anti-pattern committed as the learner's
//! file; its tests fail on it and pass once it is fixed. The runner finds the next exercise
//! that does not pass, shows the failing tests' messages without cargo's noise, re-runs on
//! save, and hands out hints and, once earned, the reference fix. `verify` checks every
//! exercise both ways for CI.
//!
//! How it is put together, one concept per module:
//!
//! - [`cli`]: the command line;
//! - [`exercise`]: where an exercise's pieces are, and its starter in git;
//! - [`run`]: building the tests, then running them with a time limit;
//! - [`launch`]: starting a child that dies with the runner, with its memory capped;
//! - [`interrupt`]: Ctrl-C and the other terminating signals, and not leaving processes behind;
//! - [`libtest`]: reading libtest's output and trimming it;
//! - [`report`]: showing the learner what happened;
//! - [`progress`], [`watch`], [`reset`], [`reveal`], [`verify`]: the commands;
//! - [`alternatives`]: other correct and wrong answers that `verify` also tries;
//! - [`scratch`]: the copies of an exercise that `verify` builds in, never the learner's files;
//! - [`batch`]: building every one of those copies in one cargo command.
//!
//! Exit status: 0 when all is well, 1 when an exercise or check fails (or a request is
//! declined), 2 for a usage error such as an unknown exercise name or a bad flag, and 128 + the
//! signal's number when stopped by a signal (130 on Ctrl-C).

mod alternatives;
mod batch;
mod cli;
mod exercise;
mod interrupt;
mod launch;
mod libtest;
mod progress;
mod report;
mod reset;
mod reveal;
mod run;
mod scratch;
mod verify;
mod watch;

use std::ffi::OsString;
use std::process::ExitCode;
use std::time::Duration;

use anstream::eprintln;
use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::exercise::Workshop;
use crate::report::BAD;

fn main() -> ExitCode {
    // The runner starting one of its own children (see `launch`): not a command for people, so
    // it is read before clap, which would otherwise take the child's arguments for ours.
    let args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == launch::SUBCOMMAND) {
        return launch::launch(&args[2..]);
    }
    // clap reports its own usage errors with status 2.
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{BAD}error:{BAD:#} {err:#}");
            // An unknown name or a wrong --root is a usage error, like clap's own: status 2.
            let usage = err.downcast_ref::<Usage>().is_some()
                || matches!(
                    err.downcast_ref::<catalogue::Error>(),
                    Some(catalogue::Error::Unknown { .. })
                );
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    interrupt::install()?;
    let root = match cli.root {
        // Pointed at by hand: say so if it is not a workshop, rather than fail to read in it.
        Some(root) if !root.join("anti-patterns").is_dir() => {
            return Err(Usage(format!(
                "{} is not a workshop: it has no anti-patterns/ directory (it came from --root or WORKSHOP_ROOT)",
                root.display()
            ))
            .into());
        }
        Some(root) => root,
        None => catalogue::workspace_root()?,
    };
    let workshop = Workshop::load(
        &root,
        Duration::from_secs(cli.timeout),
        cli.memory_limit.saturating_mul(1 << 20),
    )?;

    match cli.command {
        None => progress::next(&workshop),
        Some(Command::List) => progress::list(&workshop),
        Some(Command::Hint { exercise }) => reveal::hint(workshop.find(&exercise)?),
        Some(Command::Watch) => watch::watch(&workshop),
        Some(Command::Reset { exercise, yes }) => reset::reset(workshop.find(&exercise)?, yes),
        Some(Command::Solution {
            exercise,
            show_anyway,
        }) => reveal::solution(&workshop, workshop.find(&exercise)?, show_anyway),
        Some(Command::Verify { exercises }) => {
            // Check every name before running anything: a typo should not cost a full run.
            let chosen = if exercises.is_empty() {
                workshop.exercises.iter().collect()
            } else {
                exercises
                    .iter()
                    .map(|id| workshop.find(id))
                    .collect::<Result<Vec<_>, _>>()?
            };
            verify::verify(&workshop, &chosen)
        }
    }
}

/// A mistake in how the runner was called that clap cannot see, such as a `--root` that is not
/// a workshop.
#[derive(Debug)]
struct Usage(String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}
