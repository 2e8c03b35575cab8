//! Watch one variant fan out over a job: `cargo run -p unbounded-concurrency --bin demo --
//! <variant>`.
//!
//! The demo starts the loopback API (each item answered after `--latency-ms`, on the real
//! clock), runs the job of `--inputs` ids through one variant with a cap of `--in-flight` and a
//! quota of `--per-second`, and prints what the server saw: the most requests in flight at
//! once, the connections it accepted, the requests in its busiest second, and how long the job
//! took. `anti` and `join-all` put every input in flight at once; the capped variants stay at
//! the cap; only `governor` keeps the quota. It stops by itself: every flag has a range.

use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use unbounded_concurrency::{Bounds, Latency, Scenario, Variant};

/// Run the job through one variant against a loopback API, and say what the server saw.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which variant to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Ids to fetch (1 to 5 000).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=5_000))]
    inputs: u64,
    /// The cap on requests in flight (1 to 256).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=256))]
    in_flight: u64,
    /// The API's quota, requests per second (1 to 10 000; only `governor` keeps it).
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    per_second: u32,
    /// How long the server takes per item, in ms (0 to 100).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=100))]
    latency_ms: u64,
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
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    // The API is another service: what the stall detector watches is the job's runtime alone,
    // so the server runs on a runtime of its own (one worker, on its own thread).
    let api = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("loopback-api")
        .enable_all()
        .build()?;
    let scenario = Scenario {
        inputs: usize::try_from(args.inputs)?,
        bounds: Bounds {
            in_flight: usize::try_from(args.in_flight)?,
            per_second: args.per_second,
            burst: 1,
        },
        latency: Latency::fixed(std::time::Duration::from_millis(args.latency_ms)),
    };
    let started = Instant::now();
    let outcome = runtime.block_on(async {
        // A task of its own, as a job in a service is, so the console sees it by itself.
        let variant = args.variant;
        let scenario = Arc::new(scenario);
        let api = api.handle().clone();
        tokio::spawn(async move { scenario.run_with_api_on(variant, None, Some(&api)).await })
            .await?
    })?;
    evidence::say!(
        "{}: {} inputs, cap {}, quota {}/s: {} requests, at most {} in flight at the server, \
         {} connections accepted, {} requests in the busiest second, done in {:.0} ms{}",
        args.variant,
        args.inputs,
        args.in_flight,
        args.per_second,
        outcome.counts.requests,
        outcome.counts.peak_in_flight,
        outcome.counts.connections,
        outcome.busiest_second,
        started.elapsed().as_secs_f64() * 1e3,
        if outcome.all_answered {
            ""
        } else {
            " (NOT every input answered)"
        },
    )?;
    args.console.hold();
    Ok(())
}
