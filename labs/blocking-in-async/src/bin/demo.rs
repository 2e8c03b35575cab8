//! Watch one variant at work: `cargo run --release -p blocking-in-async --bin demo -- <variant>`.
//!
//! Serves `--clients` connections sending requests back to back for `--millis`, on the runtime
//! flavour given by `--flavor`, with a heartbeat ticking every millisecond beside them. Then
//! prints what a user of the service would have felt (how late the heartbeat was) and what
//! the service got done (requests per second), and what tokio-metrics saw. Every request
//! costs `--cost-ms` of its kind of work (calibrated on this machine first). It stops by
//! itself: the run lasts at most ten seconds.
//!
//! Built with `--features console`, it also serves its tasks to tokio-console on
//! 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards for you to look.

use std::time::Duration;

use blocking_in_async::load::{self, Monitors};
use blocking_in_async::work::Calibrated;
use blocking_in_async::{Flavor, Variant};
use clap::Parser;

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
    /// How long to run, in milliseconds (at most 10 000).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=10_000))]
    millis: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    // Errors are for people: one line with its causes, not a backtrace.
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("demo: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
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
    console.serve()?;
    if !variant.runs_on(flavor) {
        anyhow::bail!(
            "{variant} cannot run on a {flavor} runtime: block_in_place needs other threads to hand its tasks to; try --flavor multi-thread"
        );
    }
    let cost = Duration::from_millis(cost_ms);
    let calibrated = Calibrated::new(cost, &[variant.work()])?;
    let runtime = flavor.runtime()?;
    let monitors = Monitors::new(Duration::from_micros(50), Duration::from_micros(50));
    println!(
        "{variant} ({} work) on a {flavor} runtime with {} worker(s): {clients} clients for {millis} ms, \
         each request about {} ms of work",
        variant.work(),
        flavor.workers(),
        cost.as_millis(),
    );
    let steady = runtime.block_on(load::steady(
        variant,
        usize::from(clients),
        Duration::from_millis(millis),
        &calibrated.job,
        &monitors,
    ));
    let lateness = &steady.lateness;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "heartbeat ({} deadlines): late by {:.2} ms at the median, {:.2} ms at p99, {:.2} ms at worst",
        lateness.len(),
        ms(lateness.p50()),
        ms(lateness.p99()),
        ms(lateness.max()),
    );
    println!(
        "requests: {} answered ({:.0} per second), {} failed",
        steady.completed,
        steady.throughput(),
        steady.failures
    );
    let requests = monitors.requests.cumulative();
    let heartbeat = monitors.heartbeat.cumulative();
    println!(
        "tokio-metrics: {} of {} request polls were slow (over 50 us), mean poll {:.1} us; \
         the heartbeat waited {:.1} us on average between its wake-up and its poll",
        requests.total_slow_poll_count,
        requests.total_poll_count,
        requests.mean_poll_duration().as_secs_f64() * 1e6,
        heartbeat.mean_scheduled_duration().as_secs_f64() * 1e6,
    );
    console.hold();
    Ok(())
}
