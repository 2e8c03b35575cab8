//! Watch one bridge at work: `cargo run -p runtime-per-call --bin demo -- <variant>`.
//!
//! Starts `--callers` host threads that each make `--calls` calls through the chosen bridge,
//! then prints how many runtimes were built and what the process gained in threads and
//! resident memory while those threads were still alive. It stops by itself: the work is a
//! fixed number of calls, capped so that even the thread-hungry variants stay small. Each host
//! thread waits `--pause-ms` after every call (2 ms by default), so that the calls go on for
//! a while: tokio-console connects some tens of milliseconds after start, and without the
//! pause the fast bridges finished before it could see a single call.
//!
//! Built with `--features console`, it also serves its tasks to tokio-console on
//! 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards for you to look.

use std::process::ExitCode;

use clap::Parser;
use evidence::number::{count, mib};
use runtime_per_call::Variant;
use runtime_per_call::footprint;

/// Run one bridging variant and report its footprint.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which bridge to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Host threads calling in at once (at most 64: every one may bring a runtime along).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    callers: u16,
    /// Calls each host thread makes (at most 10 000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    calls: u64,
    /// Milliseconds each host thread waits after every call (at most 100).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=100))]
    pause_ms: u64,
    /// Print the measurement as JSON instead of prose.
    #[arg(long)]
    json: bool,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let measured = footprint::measure_paced(
        args.variant,
        usize::from(args.callers),
        args.calls,
        std::time::Duration::from_millis(args.pause_ms),
    )?;
    if args.json {
        evidence::say!("{}", serde_json::to_string_pretty(&measured)?)?;
        // JSON or prose, `--hold` still keeps the demo alive for tokio-console.
        args.console.hold();
        return Ok(());
    }
    evidence::say!(
        "{variant}: {callers} host threads x {calls} calls built {runtimes} runtime(s).",
        variant = measured.variant,
        callers = measured.callers,
        calls = count(measured.calls_per_caller),
        runtimes = count(measured.runtimes_built as u64),
    )?;
    evidence::say!(
        "threads: {} before, {} with the callers alive; resident memory: {} -> {}",
        measured.before.threads,
        measured.after.threads,
        mib(measured.before.rss_bytes as f64),
        mib(measured.after.rss_bytes as f64),
    )?;
    args.console.hold();
    Ok(())
}
