//! The command line: `cargo workshop [COMMAND]`.
//!
//! `cargo workshop` is an alias (in `.cargo/config.toml`) for running this binary, so the help
//! calls it by that name. The workspace root defaults to the one this binary was built in;
//! `--root` or `WORKSHOP_ROOT` point it at another copy (the integration tests use a
//! temporary one).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Learn the async anti-patterns by fixing them: each exercise starts from the anti-pattern,
/// and its tests pass once it is fixed. With no command, runs the next unsolved exercise.
#[derive(Debug, Parser)]
#[command(name = "cargo workshop", bin_name = "cargo workshop")]
pub struct Cli {
    /// The workspace root (default: the workspace this runner was built in).
    #[arg(long, global = true, env = "WORKSHOP_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Seconds an exercise's tests may run, all together, before they are killed and reported
    /// as a hang (building them does not count).
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub timeout: u64,

    /// Mebibytes of memory each test process may map before an allocation fails and it is
    /// reported as out of memory.
    #[arg(
        long,
        global = true,
        value_name = "MIB",
        default_value_t = 2048,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub memory_limit: u64,

    /// What to do; with none, runs the next unsolved exercise.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every exercise with its status (solved, failing, not started) and the count solved.
    List,
    /// Shows the hint for an exercise.
    Hint {
        /// The exercise (see `cargo workshop list`).
        exercise: String,
    },
    /// Re-runs the current exercise on every save, and moves on when it passes.
    Watch,
    /// Restores an exercise's starter from git, after asking.
    Reset {
        /// The exercise (see `cargo workshop list`).
        exercise: String,
        /// Overwrite your changes without asking.
        #[arg(long, short)]
        yes: bool,
    },
    /// Shows the reference fix, once your own passes.
    Solution {
        /// The exercise (see `cargo workshop list`).
        exercise: String,
        /// Show it even though your fix does not pass yet.
        #[arg(long)]
        show_anyway: bool,
    },
    /// Maintainers' check: each starter fails its tests and each reference fix passes them.
    Verify {
        /// The exercises to check (default: all).
        exercises: Vec<String>,
    },
}
