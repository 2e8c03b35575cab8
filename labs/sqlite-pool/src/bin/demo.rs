//! Watch one variant under load: `cargo run -p sqlite-pool --bin demo -- <variant>`.
//!
//! It opens the variant's store on a database in a temporary directory (removed on the way
//! out), prints the settings every pooled connection runs with, runs the mixed load (tasks
//! reading and writing at once) and prints what it did: operations per second, the 99th
//! percentile latency, and how many operations failed with `SQLITE_BUSY`. Bounded: at most
//! 256 tasks of 1 000 operations.

use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use sqlite_pool::settings::{of_every_connection, synchronous_name};
use sqlite_pool::{Variant, load};

/// Run one variant under the mixed load and say what it did.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which store.
    #[arg(value_enum)]
    variant: Variant,
    /// Tasks reading and writing at once.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=256))]
    tasks: u64,
    /// Operations per task (one write to every three reads).
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    ops: u64,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir().context("a temporary directory for the database")?;
    let path = dir.path().join("store.db");
    runtime.block_on(async {
        let store = args.variant.open(&path).await?;
        let settings = of_every_connection(store.writer()).await?;
        let normal = settings.iter().filter(|s| s.synchronous == 1).count();
        evidence::say!(
            "{}: {} writer connection(s), {normal} with synchronous = NORMAL, the others {}; journal {}",
            args.variant,
            settings.len(),
            settings
                .iter()
                .find(|s| s.synchronous != 1)
                .map_or("(none)", |s| synchronous_name(s.synchronous)),
            settings.first().map_or("?", |s| s.journal_mode.as_str()),
        )?;
        let started = Instant::now();
        let outcome = load::run(&store, args.tasks, args.ops, 0).await;
        let took = started.elapsed();
        evidence::say!(
            "{} tasks x {} ops: {:.0} ops/s, p99 {:?}, {} SQLITE_BUSY, {} other errors",
            args.tasks,
            args.ops,
            outcome.done as f64 / took.as_secs_f64(),
            outcome.percentile(0.99),
            outcome.busy,
            outcome.other_errors,
        )?;
        store.close().await;
        anyhow::Ok(())
    })
}
