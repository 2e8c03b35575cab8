//! The command line of `cargo xtask`.
//!
//! `cargo xtask` is an alias (in `.cargo/config.toml`) for `cargo run --package xtask --`:
//! the project's scripts are Rust, built by the same toolchain as the labs, so they run the
//! same on every machine that can build the project and need no shell or Python.

use clap::{Parser, Subcommand};

/// Measure the labs, build the book, run every check.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// One command per job; `book` and `test` are the two a newcomer needs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Measure every lab (or the named ones), regenerate its tables and plots, build the book.
    ///
    /// For each lab, in catalogue order: its criterion bench, its probe if it has one, then the
    /// report. Quick mode (the default) measures each benchmark briefly so that every lab fits
    /// in a few minutes; `--full` uses criterion's defaults and takes much longer.
    Book {
        /// Measure with criterion's default times instead of quick mode, and refresh the
        /// tokio-console snapshots too.
        #[arg(long)]
        full: bool,
        /// Also refresh the tokio-console snapshots in quick mode (they are left as they are
        /// otherwise, to keep quick mode within its time budget).
        #[arg(long)]
        console: bool,
        /// Labs to measure (catalogue ids); all of them when none is given.
        labs: Vec<String>,
    },
    /// Capture tokio-console snapshots of every lab with a `[console]` section (or the named
    /// ones) into their chapters, then rebuild the book.
    Console {
        /// Re-record the console lint's test fixtures (libs/console-snapshot/tests/fixtures)
        /// instead of the chapters' snapshots: every `[console]` variant, with the entry's
        /// `fixture-args`.
        #[arg(long)]
        fixtures: bool,
        /// Labs to capture (catalogue ids); all of those with snapshots when none is given.
        labs: Vec<String>,
    },
    /// Regenerate tables and plots from the criterion output already in the target directory.
    Report {
        /// Labs to report on (catalogue ids); all of them when none is given.
        labs: Vec<String>,
    },
    /// Measure the stall detector: its overhead bench, and its verdict on every `[console]`
    /// variant of every lab's demo on both runtime flavours, for its chapter; then rebuild
    /// the book.
    Stalls {
        /// Measure with criterion's default times instead of quick mode.
        #[arg(long)]
        full: bool,
        /// Only check, as the test command does: debug builds of the labs that block, no
        /// bench, nothing written; fails if the detector disagrees with the catalogue.
        #[arg(long, conflicts_with = "full")]
        check: bool,
    },
    /// Regenerate the files derived from the catalogue: book/src/SUMMARY.md and the labs'
    /// part of the root Cargo.toml.
    Generate {
        /// Write nothing; exit with an error if a committed file differs.
        #[arg(long)]
        check: bool,
    },
    /// Scaffold a new lab that builds: catalogue entry, lab crate, bench, exercise, chapter.
    ///
    /// Every piece carries the marker `scaffold: replace`, and the completeness test lists
    /// each one until it holds real content.
    NewLab {
        /// The lab's catalogue id, kebab-case (`select-in-loop`).
        id: String,
        /// The chapter's title.
        #[arg(long, default_value = "A new anti-pattern")]
        title: String,
        /// The exercise file the learner edits, as a module name (`src/<file>.rs`).
        #[arg(long, default_value = "service")]
        file: String,
    },
    /// The static scanner: scan a crate, or check the scanner against the labs and its corpus.
    ///
    /// With a PATH, scans that crate (scanner options after `--`, for example
    /// `cargo xtask scan ../my-crate -- --format json`). Without one, runs the self-check on
    /// labs/; `--corpus` also downloads the pinned corpus of published crates and checks every
    /// finding against its label.
    Scan {
        /// A crate or workspace to scan (or one .rs file).
        path: Option<std::path::PathBuf>,
        /// Download the pinned corpus with cargo and check its labels and before/after pairs.
        #[arg(long)]
        corpus: bool,
        /// Rewrite the generated book fragments instead of checking them.
        #[arg(long)]
        book: bool,
        /// Measure lines per second on the corpus (release build); needs `--corpus`.
        #[arg(long)]
        bench: bool,
        /// Options for the scanner, after `--` (`--format json`, `--deny`, `--all-rules`).
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Run every check CI runs: format, lints, tests, the workshop, loom, bench smoke, the book.
    Test {
        /// Leave out a step (by its name as printed, for example `workshop`); repeatable.
        #[arg(long, value_name = "STEP")]
        skip: Vec<String>,
    },
}
