//! `cargo async-scan [PATH]`: scan a crate for async anti-patterns.
//!
//! Installed with `cargo install --path detect/scanner`, the binary `cargo-async-scan` is a
//! cargo subcommand: cargo runs it as `cargo-async-scan async-scan [ARGS]`, so a first
//! argument equal to the subcommand's name is dropped. Run directly, it takes the same
//! arguments without it.
//!
//! Exit status: 0 when the scan ran (findings or not), 1 with `--deny` when it found anything
//! or could not read a file, 2 when it could not start (no such path, not a crate, a bad
//! config or flag).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use async_scan::{Config, rules};
use clap::{Parser, ValueEnum};

/// Find async Rust anti-patterns (blocking in async code, runtimes per call, timers and
/// cancel-unsafe calls in `select!` loops, ...) in a crate's sources.
#[derive(Debug, Parser)]
#[command(name = "cargo async-scan", bin_name = "cargo async-scan", version)]
struct Cli {
    /// A crate or workspace folder (with a Cargo.toml), or one .rs file.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when anything is found (or a file could not be scanned).
    #[arg(long)]
    deny: bool,
    /// The config file (default: async-scan.toml in the scanned folder, if present).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Turn a rule on (experimental ones too); repeatable.
    #[arg(long, value_name = "RULE")]
    enable: Vec<String>,
    /// Turn a rule off; repeatable.
    #[arg(long, value_name = "RULE")]
    disable: Vec<String>,
    /// Run every rule, experimental ones included.
    #[arg(long)]
    all_rules: bool,
    /// Scan test code too (`#[test]` functions, `#[cfg(test)]` modules, `tests/`).
    #[arg(long)]
    include_tests: bool,
    /// List the rules and exit.
    #[arg(long)]
    list_rules: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style diagnostics with the source snippet.
    Human,
    /// One JSON object: findings, suppressions, errors.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `cargo async-scan ..` runs `cargo-async-scan async-scan ..`.
    if args.get(1).is_some_and(|a| a == "async-scan") {
        args.remove(1);
    }
    let cli = Cli::parse_from(args);
    match run(&cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, String> {
    if cli.list_rules {
        for rule in rules::RULES {
            let state = if rule.default_enabled {
                "on "
            } else {
                "off (experimental)"
            };
            println!("{:<20} {state:<19} {}", rule.id, rule.summary);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut config = match &cli.config {
        Some(path) => Config::from_file(path).map_err(|e| e.to_string())?,
        None => Config::for_root(&cli.path).map_err(|e| e.to_string())?,
    };
    if cli.all_rules {
        let base = config.clone();
        config = Config::all_rules();
        config.include_tests = base.include_tests;
        config.exclude = base.exclude;
    }
    for id in &cli.enable {
        config.enable(id)?;
    }
    for id in &cli.disable {
        config.disable(id)?;
    }
    config.include_tests |= cli.include_tests;
    let report = async_scan::scan(&cli.path, &config).map_err(|e| e.to_string())?;
    match cli.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal();
            print!("{}", report.human(color));
        }
        Format::Json => println!("{:#}", report.json()),
        Format::Sarif => println!("{:#}", report.sarif()),
    }
    // Errors also go to stderr in the machine formats, where stdout is for the tool reading it.
    if !matches!(cli.format, Format::Human) {
        for error in &report.errors {
            match error.line {
                Some(line) => eprintln!("error: {}:{line}: {}", error.file, error.message),
                None => eprintln!("error: {}: {}", error.file, error.message),
            }
        }
    }
    let failed = !report.findings.is_empty() || !report.errors.is_empty();
    Ok(if cli.deny && failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
