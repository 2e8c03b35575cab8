//! Watch one supervisor at work: `cargo run -p detached-tasks --bin demo -- <variant>`.
//!
//! The demo runs the lab's usual batch (`--jobs` jobs; every sixth fails, every sixth panics)
//! on the real clock, a job lasting one to five `--unit-ms`, and says what the report holds
//! against what the jobs did. With `--give-up-ms` the caller drops the supervisor at that
//! instant, as a timeout would, and the demo then counts the jobs that ended anyway. Under
//! `anti` the report is missing every failure and every panic (each panic is a line on
//! stderr, from the panic hook, and nothing else), and a caller that gives up leaves every
//! job running; under `fixed` every outcome is there and giving up stops them all. It stops
//! by itself.

use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use detached_tasks::contract::batch;
use detached_tasks::{Ledger, Outcome, Variant};

/// Run one supervisor on a batch of jobs and say what it reported.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which supervisor to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Jobs in the batch (1 to 1 000).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u64).range(1..=1_000))]
    jobs: u64,
    /// A job lasts 1 to 5 of these, in ms (1 to 2 000).
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=2_000))]
    unit_ms: u64,
    /// Drop the supervisor this many ms into the batch, as a caller's timeout would.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    give_up_ms: Option<u64>,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    // Each job's panic is printed as the default hook prints it, in one line, but never with a
    // backtrace: under `RUST_BACKTRACE=1` the default hook captures and symbolises one inside
    // the panicking poll, 80 to 250 ms of a worker thread, which the stall detector would
    // rightly flag. That is the hook's cost, not the supervisor's.
    std::panic::set_hook(Box::new(|info| eprintln!("{info}")));
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(2).enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let unit = Duration::from_millis(args.unit_ms);
    let jobs = batch(usize::try_from(args.jobs)?, unit);
    let ledger = Arc::new(Ledger::new());
    let variant = args.variant;
    evidence::say!(
        "running: {variant}, {} jobs of {} to {} ms",
        jobs.len(),
        args.unit_ms,
        args.unit_ms * 5
    )?;
    let finished = runtime.block_on(async {
        // Spawned, so that a panic of `run` itself (`joined`) is reported, not the demo's end.
        let mut service = tokio::spawn(variant.run(jobs.clone(), Arc::clone(&ledger)));
        let Some(ms) = args.give_up_ms else {
            return anyhow::Ok(Some(service.await));
        };
        let give_up = Duration::from_millis(ms);
        if let Ok(joined) = tokio::time::timeout(give_up, &mut service).await {
            return Ok(Some(joined));
        }
        // What a caller's timeout does to the supervisor's future: drops it.
        service.abort();
        let _ = service.await;
        let ended = ledger.ended();
        evidence::say!("gave up after {ms} ms: {ended} jobs had ended")?;
        tokio::time::sleep(unit * 5).await;
        evidence::say!(
            "{} jobs ended after the supervisor was dropped",
            ledger.ended() - ended
        )?;
        Ok(None)
    })?;
    match finished {
        Some(Ok(report)) => {
            let count = |f: fn(&Outcome) -> bool| report.outcomes.values().filter(|o| f(o)).count();
            evidence::say!(
                "reported {} of {} outcomes ({} done, {} failed, {} panicked); {} wrong or \
                 missing",
                report.outcomes.len(),
                jobs.len(),
                count(|o| matches!(o, Outcome::Done(_))),
                count(|o| matches!(o, Outcome::Failed(_))),
                count(|o| matches!(o, Outcome::Panicked(_))),
                report.wrong(&jobs).len()
            )?;
        }
        Some(Err(err)) => evidence::say!("the supervisor itself failed, no report: {err}")?,
        None => {}
    }
    runtime.shutdown_timeout(Duration::from_millis(100));
    args.console.hold();
    Ok(())
}
