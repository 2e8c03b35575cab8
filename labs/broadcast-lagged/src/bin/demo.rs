//! Watch one subscriber at work: `cargo run -p broadcast-lagged --bin demo -- <variant>`.
//!
//! A publisher sends a burst of events every 10 ms into a channel of 16; one subscriber keeps
//! up, one takes 2 ms an event and falls behind on every burst. The publisher publishes for
//! the `--seconds` given (real time, at most 30; under `fan-out` it is held to the slow
//! subscriber's pace, so the run lasts a few times longer), and the demo says what each
//! subscriber got, skipped and why it stopped: under `anti` the slow one quits on its first
//! lag and its task completes at once; under `fixed` it stays, skipping what it must.

use std::time::Duration;

use broadcast_lagged::{Scenario, Variant};
use clap::Parser;

/// Run one subscriber variant and say what it did.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which subscriber to run.
    #[arg(value_enum)]
    variant: Variant,
    /// How long the publisher publishes, in seconds (1 to 30).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=30))]
    seconds: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(2).enable_all();
    demo_console::watch(&mut builder);
    let runtime = builder.build()?;
    let bursts = args.seconds * 100;
    let scenario = Scenario {
        capacity: 16,
        bursts: vec![12; usize::try_from(bursts)?],
        pause: Duration::from_millis(10),
        subscribers: vec![Duration::ZERO, Duration::from_millis(2)],
    };
    let run = runtime.block_on(args.variant.run(&scenario));
    for (name, report) in ["fast", "slow"].iter().zip(&run.reports) {
        evidence::say!(
            "{}: the {name} subscriber got {} of {} events, reported {} skipped, stopped ({:?}) \
             after {:.2} s",
            args.variant,
            report.delivered.len(),
            run.sent,
            report.skipped,
            report.ended,
            report.ended_at.as_secs_f64()
        )?;
    }
    args.console.hold();
    Ok(())
}
