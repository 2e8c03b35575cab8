//! Stop one service with a real Ctrl-C: `cargo run -p graceful-shutdown --bin demo -- anti`.
//!
//! The demo starts `--workers` workers that sync every `--tick-ms`, says `running` on one
//! line, and waits for SIGINT (`tokio::signal::ctrl_c()`), or raises the shutdown signal
//! itself after `--seconds` if none comes. It then gives the service `--grace-ms` to stop,
//! and says how many workers flushed. It stops by itself: a service that does not return in
//! time is reported and left behind, and the exit code says whether the shutdown was clean
//! (the lab's SIGINT test reads both). With `anti`, a Ctrl-C that lands while the workers
//! sync is lost, and the demo ends on its grace deadline instead.

use std::future::Future;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use anyhow::bail;
use clap::Parser;
use graceful_shutdown::{Config, Ledger, Signal, Variant};
use tokio::time::Instant;

/// Run one service until Ctrl-C (or `--seconds`), then shut it down and report.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which service to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Workers (1 to 64).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    workers: u64,
    /// How often each worker syncs, in ms (1 to 10 000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    tick_ms: u64,
    /// The base length of a sync, in ms (syncs last half to twice this; 0 to 10 000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    job_ms: u64,
    /// Raise the signal after this many seconds if no Ctrl-C came (1 to 60).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=60))]
    seconds: u64,
    /// How long the service may take to stop after the signal, in ms (1 to 60 000).
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    grace_ms: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

/// The entry point, shared with `sigint-demo` (the same demo under a name of its own).
pub(crate) fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let config = Config {
        workers: usize::try_from(args.workers)?,
        tick: Duration::from_millis(args.tick_ms),
        job: Duration::from_millis(args.job_ms),
    };
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let variant = args.variant;
    let ledger = Arc::new(Ledger::new(config));
    let report = runtime.block_on(async {
        let signal = Signal::new();
        let service = tokio::spawn(variant.run(config, signal.clone(), Arc::clone(&ledger)));
        // `ctrl_c()` installs its handler on its first poll: poll it once before saying
        // `running`, so that a SIGINT sent on that word is caught, not the default kill.
        let mut ctrl_c = Box::pin(tokio::signal::ctrl_c());
        let early = std::future::poll_fn(|cx| Poll::Ready(ctrl_c.as_mut().poll(cx))).await;
        let early = match early {
            Poll::Ready(result) => {
                result?;
                true
            }
            Poll::Pending => false,
        };
        evidence::say!(
            "running: {variant}, {} workers; send SIGINT (Ctrl-C) to stop it",
            config.workers
        )?;
        let cause = if early {
            "SIGINT"
        } else {
            tokio::select! {
                result = ctrl_c => { result?; "SIGINT" }
                () = tokio::time::sleep(Duration::from_secs(args.seconds)) => "its own timer",
            }
        };
        signal.raise();
        let raised = Instant::now();
        let grace = Duration::from_millis(args.grace_ms);
        let ended = tokio::time::timeout(grace, service).await;
        anyhow::Ok((cause, ended, raised.elapsed()))
    });
    let (cause, ended, took) = report?;
    let records = ledger.records();
    let flushed = records.iter().filter(|r| r.is_flushed()).count();
    let synced: u64 = records.iter().map(|r| r.synced).sum();
    evidence::say!(
        "signal: {cause}; flushed {flushed} of {} workers ({synced} syncs)",
        records.len()
    )?;
    // Whatever is left (a hung service's workers) is dropped here, not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    args.console.hold();
    match ended {
        Ok(Ok(())) if flushed == records.len() => {
            evidence::say!("stopped cleanly in {} ms", took.as_millis())?;
            Ok(())
        }
        Ok(Ok(())) => bail!("stopped in {} ms, with unflushed workers", took.as_millis()),
        Ok(Err(err)) => bail!("the service failed as it stopped: {err}"),
        Err(_) => bail!(
            "the service had not stopped {} ms after the signal",
            args.grace_ms
        ),
    }
}
