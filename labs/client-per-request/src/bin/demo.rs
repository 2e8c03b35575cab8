//! Watch one variant run the sync job: `cargo run -p client-per-request --bin demo --
//! <variant>`.
//!
//! The demo starts the loopback API, runs the job (`--requests` GETs, `--concurrency` at
//! once) through one client of the variant, and prints what the server counted and what the
//! kernel holds: connections accepted, the client's sockets to the server in `TIME_WAIT`, and
//! the process's open sockets. `anti` and `no-idle-pool` open a connection per request;
//! `fixed` opens one per request in flight. It stops by itself: every flag has a range.

use std::sync::Arc;

use clap::Parser;
use client_per_request::{Job, Limits, Variant, job, server, sockets};

/// Run the sync job through one variant's client, against a loopback API.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which variant to run.
    #[arg(value_enum)]
    variant: Variant,
    /// GETs in the job (at most 5 000).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=5_000))]
    requests: u64,
    /// GETs in flight at once (1 to 64).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    concurrency: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let job = Job {
        requests: usize::try_from(args.requests)?,
        concurrency: usize::try_from(args.concurrency)?,
    };
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let (counts, time_wait, open) = runtime.block_on(async {
        // Bounded a little past what the job can ask for.
        let limits = Limits {
            max_connections: job.requests + 1,
            max_requests: job.requests,
        };
        let api = server::start_with(limits).await?;
        let port = api.addr().port();
        let before = sockets::to_port(port, sockets::TIME_WAIT)?;
        let client = args.variant.build()?;
        job::run(Arc::clone(&client), &api.url(), job).await?;
        let after = sockets::to_port(port, sockets::TIME_WAIT)?;
        anyhow::Ok((
            api.counts(),
            after.saturating_sub(before),
            sockets::open_sockets()?,
        ))
    })?;
    evidence::say!(
        "{}: {} requests, {} at once: {} connections accepted, {} client sockets left in \
         TIME_WAIT, {} sockets open in this process (client and server ends)",
        args.variant,
        counts.requests,
        job.concurrency,
        counts.connections,
        time_wait,
        open
    )?;
    args.console.hold();
    Ok(())
}
