//! Watch one loop at work, on the real clock: `cargo run -p timers-in-loops --bin demo -- anti`.
//!
//! A producer sends a message every `--every-ms`, the loop should tick every `--period-ms`,
//! and after `--seconds` the inbox closes and the demo says when each tick came. With the
//! defaults (a message every 100 ms, a period of 500 ms) `anti` never ticks and `fixed` ticks
//! every half second. `--stall-ms` makes the third tick's action last that long, to watch
//! `burst` pay the missed ticks at once. It stops by itself: every flag has a range.

use std::time::Duration;

use clap::Parser;
use timers_in_loops::{Scenario, Stall, Variant, Work};

/// Run one loop for a few seconds and print its ticks.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which loop to run.
    #[arg(value_enum)]
    variant: Variant,
    /// The period the loop should tick at, in ms (10 to 10 000).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(10..=10_000))]
    period_ms: u64,
    /// One message every this many ms (1 to 10 000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    every_ms: u64,
    /// How long the inbox stays open, in seconds (1 to 60).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=60))]
    seconds: u64,
    /// How long the third tick's action lasts, in ms (0: as long as the others, a tenth of
    /// the period; at most 30 000).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=30_000))]
    stall_ms: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let period = Duration::from_millis(args.period_ms);
    let scenario = Scenario {
        period,
        message_every: Some(Duration::from_millis(args.every_ms)),
        run_for: Duration::from_secs(args.seconds),
        work: Work {
            each: period / 10,
            stall: (args.stall_ms > 0).then(|| Stall {
                tick: 2,
                lasts: Duration::from_millis(args.stall_ms),
            }),
        },
    };
    // The real clock, so that tokio-console sees the loop live.
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_time();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let record = runtime.block_on(args.variant.record(scenario));
    let expected = scenario.expected_ticks();
    evidence::say!(
        "{}: {} messages, {} ticks in {} s (a loop that keeps its period: about {expected})",
        args.variant,
        record.messages,
        record.ticks_before(scenario.run_for),
        args.seconds,
    )?;
    let times: Vec<String> = record
        .ticks
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    evidence::say!("ticks at (s): {}", times.join(" "))?;
    args.console.hold();
    Ok(())
}
