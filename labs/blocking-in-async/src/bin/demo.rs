//! Watch one variant at work: `cargo run --release -p blocking-in-async --bin demo -- <variant>`.
//!
//! Serves `--clients` connections sending requests back to back for `--millis`, on the runtime
//! flavour given by `--flavor`, with a heartbeat ticking every millisecond beside them. Then
//! prints what a user of the service would have felt (how late the heartbeat was) and what
//! the service got done (requests per second), and what tokio-metrics saw. Every request
//! costs `--cost-ms` of its kind of work (calibrated on this machine first).
//!
//! It stops by itself, within ten seconds of starting, calibration included. The run itself
//! lasts `--millis` (at most eight seconds), but a request under way when the run ends is
//! finished first, and with the blocking pool every client can have one under way at once:
//! 256 clients with 100 ms of CPU each (`spawn-blocking`) share the cores for another 13
//! seconds on a two-core machine.
//! Blocking code cannot be interrupted from outside, so a watchdog thread enforces the bound:
//! at ten seconds it says why and ends the process. On Linux nothing is left behind when it
//! does, nor on Ctrl-C or a kill: the file work's scratch file has no name on disk (see
//! `work::ScratchFile`).
//!
//! Built with `--features console`, it also serves its tasks to tokio-console on
//! 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards for you to look
//! (the hold is what you asked for, so it does not count against the ten seconds).

use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use anyhow::bail;
use blocking_in_async::load::{self, Monitors};
use blocking_in_async::work::Calibrated;
use blocking_in_async::{Flavor, Variant, Work};
use clap::Parser;
use evidence::number::{count, duration, three_digits};

/// The demo never runs longer than this, whatever its flags.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// Run one variant under load and report the heartbeat's lateness and the throughput.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which handler to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Which runtime to run it on.
    #[arg(long, value_enum, default_value_t = Flavor::MultiThread)]
    flavor: Flavor,
    /// Connections sending requests at once (at most 256).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    clients: u16,
    /// What one request costs, in milliseconds of its kind of work (at most 100). The default
    /// is long enough for tokio-console's view of the demo to flag the blocking polls.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=100))]
    cost_ms: u64,
    /// How long to run, in milliseconds (at most 8 000, which leaves room for calibrating and
    /// for the last requests inside the ten-second bound).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=8_000))]
    millis: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let Args {
        variant,
        flavor,
        clients,
        cost_ms,
        millis,
        console,
    } = args;
    if !variant.runs_on(flavor) {
        bail!(
            "{variant} cannot run on a {flavor} runtime: block_in_place needs other threads to \
             hand its tasks to; try --flavor multi-thread"
        );
    }
    let watchdog = watchdog(format!(
        "the last requests of {clients} clients ({cost_ms} ms of blocking work each, on \
         {workers} worker(s)) were still finishing; blocking work cannot be interrupted. Try \
         fewer --clients or a smaller --cost-ms",
        workers = flavor.workers(),
    ));
    console.serve()?;
    let cost = Duration::from_millis(cost_ms);
    let calibrated = Calibrated::new(cost, variant.work() == Work::File)?;
    let runtime = flavor.runtime()?;
    let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
    evidence::say!(
        "{variant} ({} work) on a {flavor} runtime with {} worker(s): {clients} clients for {}, \
         each request about {} of work",
        variant.work(),
        flavor.workers(),
        duration(Duration::from_millis(millis)),
        duration(cost),
    )?;
    let steady = runtime.block_on(load::steady(
        variant,
        usize::from(clients),
        Duration::from_millis(millis),
        &calibrated.job,
        &monitors,
    ));
    let lateness = &steady.lateness;
    evidence::say!(
        "heartbeat ({} deadlines): late by {} at the median, {} at p99, {} at worst",
        count(lateness.len() as u64),
        duration(lateness.p50()),
        duration(lateness.p99()),
        duration(lateness.max()),
    )?;
    evidence::say!(
        "requests: {} answered ({} per second), {} failed",
        count(steady.completed),
        three_digits(steady.throughput()),
        count(steady.failures),
    )?;
    let requests = monitors.requests.cumulative();
    let heartbeat = monitors.heartbeat.cumulative();
    evidence::say!(
        "tokio-metrics: {} of {} request polls were slow (over 50 µs), mean poll {}; \
         the heartbeat waited {} on average between its wake-up and its poll",
        count(requests.total_slow_poll_count),
        count(requests.total_poll_count),
        duration(requests.mean_poll_duration()),
        duration(heartbeat.mean_scheduled_duration()),
    )?;
    // The workload is over once the runtime is gone (dropping it waits for its blocking
    // threads); what follows is only the hold the reader asked for.
    drop(runtime);
    drop(watchdog);
    console.hold();
    Ok(())
}

/// Starts the thread that ends the process at [`TIME_LIMIT`]; dropping the returned sender
/// disarms it. `why` says what was still running, for the message.
fn watchdog(why: String) -> Sender<()> {
    let (disarm, disarmed) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        // Nothing is ever sent: the channel only tells "dropped" (done) from "timed out".
        if let Err(RecvTimeoutError::Timeout) = disarmed.recv_timeout(TIME_LIMIT) {
            eprintln!(
                "demo: error: stopped at its {} bound: {why}",
                duration(TIME_LIMIT)
            );
            // Exit from here: the main thread may be stuck in a blocked runtime for long.
            std::process::exit(1);
        }
    });
    disarm
}
