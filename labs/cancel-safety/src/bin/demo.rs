//! Watch one variant serve a peer whose commands arrive in two pieces:
//! `cargo run -p cancel-safety --release --bin demo -- <variant>`.
//!
//! A writer task sends `--lines` JSON commands over a `tokio::io::duplex` pipe in real time,
//! each cut in two, the pieces `--gap-ms` apart and the commands `--pause-ms` apart; the
//! variant serves the other end with a tick every `--tick-ms`. At the end the demo compares
//! what arrived with what was sent: intact commands, torn ones, bytes lost, ticks handled.
//! With the defaults a tick falls inside most gaps, so `anti` and `kept-buffer` tear most
//! commands and every fix tears none.
//!
//! It stops by itself: every flag has a range, and the demo refuses a run longer than a
//! minute. Built with `--features console`, it serves its tasks (the writer, the loop, and
//! `reader-task`'s reader) to tokio-console on 127.0.0.1 only; `--hold` keeps it alive
//! afterwards for you to look.

use std::time::{Duration, Instant};

use anyhow::bail;
use cancel_safety::Variant;
use cancel_safety::traffic::{Loss, Schedule, command};
use clap::Parser;
use evidence::number::{count, duration};

/// Serve a peer's split commands with one variant and count what arrived.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which way of reading to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Commands the peer sends.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    lines: u64,
    /// Milliseconds between the two pieces of a command.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(0..=1_000))]
    gap_ms: u64,
    /// Milliseconds between one command and the next.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=1_000))]
    pause_ms: u64,
    /// Milliseconds between two ticks of the loop's timer.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    tick_ms: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    // Tokio's timer rounds each pause up to its next millisecond: allow one per pause.
    let planned = Duration::from_millis(args.lines * (args.gap_ms + args.pause_ms + 2));
    if planned > Duration::from_secs(60) {
        bail!(
            "{} commands {} ms apart would take up to {}; keep it under a minute",
            args.lines,
            args.gap_ms + args.pause_ms,
            duration(planned)
        );
    }
    args.console.serve()?;
    let written: Vec<String> = (0..args.lines as usize).map(command).collect();
    let (gap, pause) = (
        Duration::from_millis(args.gap_ms),
        Duration::from_millis(args.pause_ms),
    );
    let schedule = written.iter().fold(Schedule::default(), |schedule, line| {
        // Cut after the command's name, the way the issue's `{"cmd":"he` / `llo"}` was.
        schedule.split_line(line, 10, gap).pause(pause)
    });
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let start = Instant::now();
    let report = runtime.block_on(cancel_safety::traffic::replay(
        args.variant,
        schedule,
        Duration::from_millis(args.tick_ms),
    ))?;
    let elapsed = start.elapsed();
    let loss = Loss::of(&written, &report);
    evidence::say!(
        "{}: {} commands sent in {}; {} intact, {} torn, {} bytes lost; {} ticks handled",
        args.variant,
        count(loss.written as u64),
        duration(elapsed),
        count(loss.intact as u64),
        count(loss.torn() as u64),
        count(loss.bytes_lost as u64),
        count(report.ticks)
    )?;
    if let Some((sent, got)) = written.iter().zip(&report.lines).find(|(s, g)| s != g) {
        evidence::say!("first torn command: sent {sent}, received {got}")?;
    }
    args.console.hold();
    Ok(())
}
