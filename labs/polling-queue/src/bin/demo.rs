//! Watch one pool at work, on the real clock: `cargo run -p polling-queue --bin demo -- anti`.
//!
//! A pool of `--workers` workers on a two-thread runtime idles for `--idle-ms`, then is given
//! `--jobs` jobs of `--work-ms` each, `--gap-ms` apart, and the demo prints how long jobs
//! waited to start, in what order, and how often the workers woke while idle, with the CPU
//! time of the idle stretch. It stops by itself: every flag has a range.

use std::time::Duration;

use clap::Parser;
use polling_queue::{Pool, Variant, measure};

/// Run one pool on a stream of jobs and say how it served them.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which pool to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Workers in the pool (1 to 64).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    workers: u64,
    /// Jobs to queue (1 to 10 000).
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    jobs: u64,
    /// Time between two jobs, in ms (0 to 1 000).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=1_000))]
    gap_ms: u64,
    /// Each job's work, in ms (0 to 1 000).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=1_000))]
    work_ms: u64,
    /// The idle stretch before the jobs, in ms (0 to 10 000).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    idle_ms: u64,
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
    let workers = usize::try_from(args.workers)?;
    runtime.block_on(async {
        let pool = Pool::start(args.variant, workers);
        let cpu_before = measure::process_cpu_time();
        tokio::time::sleep(Duration::from_millis(args.idle_ms)).await;
        let cpu_idle = measure::process_cpu_time()
            .zip(cpu_before)
            .map(|(after, before)| after.saturating_sub(before));
        let idle_wakeups: u64 = pool.wakeups().iter().sum();
        for _ in 0..args.jobs {
            pool.push(Duration::from_millis(args.work_ms));
            tokio::time::sleep(Duration::from_millis(args.gap_ms)).await;
        }
        // Long enough for the slowest pool to start the last job (a lost wake-up aside).
        tokio::time::sleep(Duration::from_millis(300 + args.work_ms * args.jobs)).await;
        let records = pool.log().records();
        let mut latencies: Vec<Duration> = records.iter().filter_map(|r| r.latency()).collect();
        latencies.sort();
        let never = records.len() - latencies.len();
        let median = latencies
            .get(latencies.len() / 2)
            .copied()
            .unwrap_or_default();
        let worst = latencies.last().copied().unwrap_or_default();
        let order = pool.log().start_order();
        let out_of_order = order.windows(2).filter(|w| w[0] > w[1]).count();
        evidence::say!(
            "{}: idle {} ms: {idle_wakeups} wake-ups of {workers} workers, {} of CPU; then {} \
             jobs: wait to start median {:.3} ms, worst {:.3} ms, {never} never started, {} \
             started before an older one",
            args.variant,
            args.idle_ms,
            cpu_idle.map_or("unreadable".to_string(), |c| format!(
                "{:.3} ms",
                c.as_secs_f64() * 1e3
            )),
            args.jobs,
            median.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3,
            out_of_order,
        )?;
        anyhow::Ok(())
    })?;
    args.console.hold();
    Ok(())
}
