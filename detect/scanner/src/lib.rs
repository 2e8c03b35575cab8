//! async-scan: finds async Rust anti-patterns in source code, without compiling it.
//!
//! Clippy sees a guard held across `.await` and a future dropped by `let _ =`, and little else
//! that goes wrong in Tokio code: a `std::fs` call in a request handler, a runtime built per
//! call, a `sleep` rebuilt on every turn of a `select!` loop, a broadcast loop that quits on
//! `Lagged`. This crate reads a crate's sources with `syn` (full syntax, no types), resolves
//! names through each file's `use` statements, tracks what kind of code every expression sits
//! in (async or not, start-up or per call, inside a loop, inside a `select!` branch), and
//! reports what it finds as rustc-style diagnostics, JSON or SARIF.
//!
//! The rules (see [`rules::RULES`]) are named by the catalogue ids of the labs that teach
//! each pattern. Naive matching on names is known to be noisy on real code, because the same
//! syntax is often intended; so each rule is measured on a labelled corpus of published
//! crates, and a rule whose precision falls below [`rules::PRECISION_BAR`] ships off by
//! default.
//!
//! The pipeline, one module per step:
//!
//! | module | step |
//! | --- | --- |
//! | [`walk`] | which files belong to the scanned crate |
//! | [`resolve`] | what a name stands for, through `use` |
//! | [`macros`] | the grammar of `select!` and `join!` bodies |
//! | [`startup`] | which functions of the crate are start-up code (a call graph from `main`) |
//! | [`analyze`] | the walk over the syntax tree, with every rule's check |
//! | [`suppress`] | `// async-scan: allow(<rule>) <reason>` comments |
//! | [`config`] | `async-scan.toml`: rules on and off |
//! | [`report`] | findings, and their three renderings |

pub mod analyze;
pub mod config;
pub mod macros;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod startup;
pub mod suppress;
pub mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use config::Config;
pub use report::{Finding, Report, ScanError};

/// Why a scan could not start at all (a bad file only gets a [`ScanError`] in the report).
#[derive(Debug)]
pub enum Error {
    /// The path does not exist.
    Missing(PathBuf),
    /// A directory with no `Cargo.toml`: not a crate or a workspace.
    NotACrate(PathBuf),
    /// The config file is unreadable or invalid.
    Config(PathBuf, String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Missing(path) => write!(f, "{} does not exist", path.display()),
            Error::NotACrate(path) => write!(
                f,
                "{} is not a crate: it has no Cargo.toml (give the folder of a crate or a \
                 workspace, or a single .rs file)",
                path.display()
            ),
            Error::Config(path, why) => write!(f, "{}: {why}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Scans a crate, a workspace or one `.rs` file.
///
/// Every file that reads and parses is analysed; one that does not gets a [`ScanError`] in the
/// report, and the scan goes on with the others.
pub fn scan(path: &Path, config: &Config) -> Result<Report, Error> {
    let files = walk::rust_files(path, config)?;
    // Two passes over the parsed files: the crate's call graph says which functions are
    // start-up code, then every file is analysed knowing it. The trees are kept between the
    // passes, so the spans they hold stay valid until the scan ends.
    let mut report = Report::default();
    let mut parsed = Vec::new();
    let mut graph = startup::CallGraph::default();
    for file in &files {
        match std::fs::read_to_string(&file.path) {
            Ok(source) => {
                let tree = syn::parse_file(&source);
                if let Ok(tree) = &tree {
                    graph.add_file(tree);
                }
                parsed.push((file, source, tree));
            }
            Err(err) => {
                report.files += 1;
                report.errors.push(ScanError {
                    file: file.shown.clone(),
                    line: None,
                    message: format!("cannot read the file: {err}"),
                });
            }
        }
    }
    let startup = graph.startup();
    for (file, source, tree) in &parsed {
        analyze_parsed(source, tree, &file.shown, config, &startup, &mut report);
    }
    drop(parsed);
    // The parser keeps every file's text for span lookups; a long scan would hoard them all.
    proc_macro2::extra::invalidate_current_thread_spans();
    report.sort();
    Ok(report)
}

/// Scans one file's text, as if it were found at `shown` (used by tests and editors).
pub fn scan_source(source: &str, shown: &str, config: &Config) -> Report {
    let mut report = Report::default();
    let tree = syn::parse_file(source);
    let mut graph = startup::CallGraph::default();
    if let Ok(tree) = &tree {
        graph.add_file(tree);
    }
    analyze_parsed(source, &tree, shown, config, &graph.startup(), &mut report);
    drop(tree);
    proc_macro2::extra::invalidate_current_thread_spans();
    report
}

fn analyze_parsed(
    source: &str,
    tree: &syn::Result<syn::File>,
    shown: &str,
    config: &Config,
    startup: &HashSet<String>,
    report: &mut Report,
) {
    report.files += 1;
    report.lines += source.lines().count();
    match tree {
        Ok(file) => {
            let allows = suppress::Allows::of(source);
            let shared: std::sync::Arc<str> = source.into();
            for raw in analyze::analyze(file, config.include_tests, startup) {
                if !config.enabled(raw.rule) {
                    continue;
                }
                let finding = Finding::new(raw, shown, &shared);
                match allows.reason(finding.rule, finding.line) {
                    Some(reason) => report.suppressed.push((finding, reason)),
                    None => report.findings.push(finding),
                }
            }
            report
                .errors
                .extend(allows.malformed.into_iter().map(|(line, why)| ScanError {
                    file: shown.to_string(),
                    line: Some(line),
                    message: why,
                }));
        }
        Err(err) => {
            let start = err.span().start();
            report.errors.push(ScanError {
                file: shown.to_string(),
                line: Some(start.line),
                message: format!("cannot parse the file, skipped: {err}"),
            });
        }
    }
}
