//! The lab's probe: what a store's connections run with, what its pool size does under load,
//! what a slow transaction holds, and what a killed writer leaves behind.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --lab sqlite-pool --out <dir> --criterion <dir> --mode quick|full`. It writes:
//!
//! - `settings.md`: `synchronous`, journal mode and busy timeout of every connection of every
//!   variant's pools ([`experiments::settings`]);
//! - `pool-size.md`: the mixed load on one pool of 1 to 50 connections with the fix's
//!   options, and on each variant ([`experiments::pool_sizes`]);
//! - `transaction.md`: how long another writer waits while a transaction awaits a slow call,
//!   before and after its first write ([`experiments::transaction`]);
//! - `crash.md`: writers killed with `SIGKILL` mid-batch, then `PRAGMA integrity_check` and
//!   the rows found against the rows the writer had reported committed ([`crash_runs`]);
//! - `limit.md` and `claims.md`, from those numbers and criterion's groups ([`claims`]).
//!
//! The crash needs a process to kill: this binary, started as
//! `probe --child <journal> <database file>`, which writes batches until it is killed (or
//! until its own bound of batches, so that nothing it starts can run on).

mod claims;
mod crash_runs;
mod experiments;

use std::process::ExitCode;

use clap::Parser;
use evidence::{Mode, Probe, ProbeArgs};
use sqlite_pool::crash::{self, Journal};

/// Batches a crash child writes at most, if nobody kills it.
const CHILD_BATCHES: u64 = 2_000;

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

/// Internal: write batches into `database` until killed.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct ChildArgs {
    /// Marks the child mode.
    #[arg(long, required = true)]
    child: bool,
    #[arg(value_enum)]
    journal: Journal,
    database: std::path::PathBuf,
}

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|first| first == "--child")
    {
        return evidence::cli::main(run_child);
    }
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    probe.progress("the settings of every pooled connection");
    let settings = runtime.block_on(experiments::settings())?;
    probe.write("settings.md", &experiments::settings_table(&settings))?;

    probe.progress("the mixed load against pool sizes");
    let sizes = runtime.block_on(experiments::pool_sizes())?;
    probe.write("pool-size.md", &experiments::pool_size_table(&sizes))?;

    probe.progress("a transaction across a slow await");
    let held = runtime.block_on(experiments::transaction())?;
    probe.write("transaction.md", &experiments::transaction_table(&held))?;

    let kills = if probe.mode == Mode::Full { 50 } else { 6 };
    let mut crashes = Vec::new();
    for journal in [Journal::WalNormal, Journal::RollbackFull] {
        probe.progress(format_args!(
            "{kills} writers killed mid-batch, {journal:?}"
        ));
        crashes.push(crash_runs::repeat(journal, kills)?);
    }
    probe.write("crash.md", &crash_runs::table(&crashes))?;

    let mixed = probe.group("mixed");
    probe.write("limit.md", &claims::limit_fragment(&mixed))?;
    let facts = claims::Facts {
        settings: &settings,
        sizes: &sizes,
        held: &held,
        crashes: &crashes,
        mixed,
        synchronous: probe.group("synchronous"),
    };
    probe.write_claims(|id| facts.judge(id))?;
    probe.progress(format_args!(
        "wrote its fragments to {}",
        probe.out().display()
    ));
    Ok(())
}

fn run_child(args: ChildArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(crash::write_until_killed(
        &args.database,
        args.journal,
        CHILD_BATCHES,
    ))
}
