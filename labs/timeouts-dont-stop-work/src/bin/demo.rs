//! Watch one handler at work, on the real clock:
//! `cargo run -p timeouts-dont-stop-work --bin demo -- anti`.
//!
//! `--requests` requests, one after another, each a job of `--steps` steps of `--step-us` of
//! real CPU work (a spin), bounded by `--limit-ms` per attempt and tried three times, on a
//! two-worker runtime (or, with `--flavor current-thread`, a one-thread runtime). A
//! heartbeat task beside them wakes every millisecond and records how late it was. With the
//! defaults (a 100 ms job, a 20 ms limit) `anti` answers every request after 100 ms and
//! stalls a worker throughout; `blocking-retry` gives up after 60 ms and leaves three copies
//! computing; `fixed` gives up after 60 ms and a few steps, with nothing left running. It
//! stops by itself: every flag has a range, and it waits for every copy to end.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use timeouts_dont_stop_work::{Cost, Job, Policy, Variant, Work};

/// Run one handler on a few requests and say how each one ended.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which handler to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Requests to handle, one after another (1 to 100).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    requests: u32,
    /// Steps in each job (1 to 100 000).
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    steps: u32,
    /// One step's CPU time, in µs (1 to 10 000).
    #[arg(long, default_value_t = 250, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    step_us: u64,
    /// The runtime the requests run on.
    #[arg(long, value_enum, default_value_t = Flavor::MultiThread)]
    flavor: Flavor,
    /// The limit on each attempt, in ms (1 to 10 000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    limit_ms: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

/// Which Tokio runtime the demo builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Flavor {
    /// One thread runs every task: a handler that computes stalls the heartbeat outright.
    CurrentThread,
    /// Two worker threads: it stalls one of them.
    MultiThread,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let mut builder = match args.flavor {
        Flavor::CurrentThread => tokio::runtime::Builder::new_current_thread(),
        Flavor::MultiThread => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(2);
            builder
        }
    };
    builder.enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let work = Work::new(Cost::Spin(Duration::from_micros(args.step_us)));
    let policy = Policy {
        limit: Duration::from_millis(args.limit_ms),
        attempts: 3,
    };
    let worst_late_us = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    runtime.block_on(async {
        let heartbeat = tokio::spawn(heartbeat(worst_late_us.clone(), done.clone()));
        for id in 0..u64::from(args.requests) {
            let job = Job {
                id,
                steps: args.steps,
            };
            let before = work.tally();
            let start = Instant::now();
            // A task of its own, as a server's request is, so the stall detector sees its polls.
            let answer = tokio::spawn({
                let (work, variant) = (work.clone(), args.variant);
                async move { variant.handle(&work, job, policy).await }
            })
            .await?;
            let took = start.elapsed();
            let now = work.tally();
            // Tokio's runtime metrics: blocking threads not idle, i.e. still running a copy.
            let metrics = tokio::runtime::Handle::current().metrics();
            let busy = metrics.num_blocking_threads() - metrics.num_idle_blocking_threads();
            let outcome = match answer {
                Ok(thumbnail) if thumbnail == job.expected() => "a thumbnail".to_string(),
                Ok(_) => "a wrong thumbnail".to_string(),
                Err(gave_up) => gave_up.to_string(),
            };
            evidence::say!(
                "request {id}: {outcome} after {:.1} ms; copies started {}, still running {} \
                 (blocking threads busy: {busy})",
                took.as_secs_f64() * 1e3,
                now.started - before.started,
                now.live,
            )?;
        }
        done.store(true, Ordering::Relaxed);
        heartbeat.await?;
        anyhow::Ok(())
    })?;
    // Abandoned copies still compute on the blocking pool: the demo ends when they do.
    let waited = Instant::now();
    work.wait_until_idle();
    let tally = work.tally();
    evidence::say!(
        "{}: {} copies started for {} requests, {} ran to the end, {} stopped part-way; the \
         last copy ended {:.1} ms after the last answer; the heartbeat was up to {:.1} ms late",
        args.variant,
        tally.started,
        args.requests,
        tally.completed,
        tally.stopped,
        waited.elapsed().as_secs_f64() * 1e3,
        worst_late_us.load(Ordering::Relaxed) as f64 / 1e3,
    )?;
    args.console.hold();
    Ok(())
}

/// Wakes every millisecond and records its worst lateness: what the other tasks on the
/// runtime see while a handler computes.
async fn heartbeat(worst_late_us: Arc<AtomicU64>, done: Arc<AtomicBool>) {
    let period = Duration::from_millis(1);
    let mut next = tokio::time::Instant::now() + period;
    while !done.load(Ordering::Relaxed) {
        tokio::time::sleep_until(next).await;
        let late = tokio::time::Instant::now().saturating_duration_since(next);
        let late_us = u64::try_from(late.as_micros()).unwrap_or(u64::MAX);
        worst_late_us.fetch_max(late_us, Ordering::Relaxed);
        next = tokio::time::Instant::now() + period;
    }
}
