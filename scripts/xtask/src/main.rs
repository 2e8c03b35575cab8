//! `cargo xtask`: the command line. The commands themselves live in the library (`lib.rs`).

use std::process::ExitCode;

use clap::Parser;
use evidence::Mode;
use xtask::cli::{Cli, Command};
use xtask::new_lab::{self, NewLab};
use xtask::workspace::Workspace;
use xtask::{book, console, generate, report, scan, stalls, test};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        // The command has already said what failed (`cargo xtask test` does, step by step).
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            // A name that is not in the catalogue is a usage error, like a bad flag (clap
            // exits with 2 for those), not a failure of the command.
            let usage = matches!(err.downcast_ref(), Some(catalogue::Error::Unknown { .. }));
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// Runs one command; `Ok(false)` when it failed and has reported why itself.
fn run(cli: Cli) -> anyhow::Result<bool> {
    let workspace = Workspace::load()?;
    match cli.command {
        Command::Book {
            full,
            console,
            labs,
        } => {
            let mode = if full { Mode::Full } else { Mode::Quick };
            book::run(&workspace, &labs, mode, full || console)?;
        }
        Command::Console {
            fixtures: true,
            labs,
        } => {
            let catalogue = workspace.catalogue()?;
            console::record_fixtures(&workspace, &book::select(&catalogue, &labs)?)?;
        }
        Command::Console {
            fixtures: false,
            labs,
        } => {
            let catalogue = workspace.catalogue()?;
            console::capture(&book::select(&catalogue, &labs)?, Mode::Quick)?;
            book::build(&workspace, &catalogue, Mode::Quick)?;
        }
        Command::Stalls { check: true, .. } => stalls::check(&workspace)?,
        Command::Stalls { full, check: false } => {
            let mode = if full { Mode::Full } else { Mode::Quick };
            stalls::run(&workspace, mode)?;
            book::build(&workspace, &workspace.catalogue()?, mode)?;
        }
        Command::Report { labs } => {
            // Every lab is reported even when an earlier one fails, so one run lists every
            // lab that needs measuring again.
            let catalogue = workspace.catalogue()?;
            let mut failed = Vec::new();
            for entry in book::select(&catalogue, &labs)? {
                match report::report_lab(&workspace, entry) {
                    Ok(paths) => {
                        for path in paths {
                            let shown = path.strip_prefix(&workspace.root).unwrap_or(&path);
                            println!("wrote {}", shown.display());
                        }
                    }
                    Err(err) => {
                        eprintln!("error: {}: {err:#}", entry.id);
                        failed.push(entry.id.as_str());
                    }
                }
            }
            if !failed.is_empty() {
                anyhow::bail!("no report for: {}", failed.join(", "));
            }
        }
        Command::Generate { check: true } => {
            let stale = generate::stale(&workspace.catalogue()?).map_err(anyhow::Error::msg)?;
            if !stale.is_empty() {
                anyhow::bail!(generate::stale_message(&stale));
            }
            println!("Every generated file matches the catalogue.");
        }
        Command::Generate { check: false } => book::write_generated(&workspace.catalogue()?)?,
        Command::NewLab { id, title, file } => {
            let lab = NewLab { id, title, file };
            for path in new_lab::scaffold(&workspace.root, &lab)? {
                println!("wrote {}", path.display());
            }
            println!(
                "\nThe lab `{}` builds; `cargo test --test catalogue` lists what is still a \
                 scaffold. Then `cargo xtask book {}` measures it.",
                lab.id, lab.id
            );
        }
        Command::Scan {
            path,
            corpus,
            book,
            bench,
            args,
        } => scan::run(
            &workspace,
            &scan::Scan {
                path,
                corpus,
                book,
                bench,
                args,
            },
        )?,
        Command::Test { skip } => return test::run(&workspace, &skip),
    }
    Ok(true)
}
