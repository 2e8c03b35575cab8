//! Watch one variant retry against a real server: `cargo run -p retry-backoff --bin demo --
//! <variant>`.
//!
//! The demo starts the loopback server, which answers `--failures` requests with 429 and then
//! 200, and calls it once through the variant's loop on the real clock (a base of `--base-ms`,
//! capped at ten times that, `--retries` retries), printing when each request reached the
//! server. `fixed` waits a random fraction of 50, 100, 200, ... ms; `never-retried` hands the
//! first 429 back; `from-millis` waits 50 ms and then its cap. It stops by itself: every flag
//! has a range, so the longest run is well under a minute.

use std::time::Duration;

use clap::Parser;
use reqwest::StatusCode;
use retry_backoff::server::{self, Server};
use retry_backoff::{Config, Jitter, Script, Variant};
use tokio::time::Instant;

/// Call a loopback server that answers 429 a few times, through one variant's retry loop.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which variant to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Requests the server answers with 429 before it answers 200 (at most 20).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(0..=20))]
    failures: u64,
    /// The first wait, in ms (1 to 500); the cap is ten times it.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=500))]
    base_ms: u64,
    /// Retries the loop may make (at most 10).
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(0..=10))]
    retries: u32,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let base = Duration::from_millis(args.base_ms);
    let config = Config {
        base,
        cap: base * 10,
        max_retries: args.retries,
        deadline: None,
    };
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    let failures = usize::try_from(args.failures)?;
    let (status, arrivals, took) = runtime.block_on(async {
        let server = Server::start(Script::fails(failures, StatusCode::TOO_MANY_REQUESTS)).await?;
        let client = server::client();
        let url = server.url();
        let started = Instant::now();
        let sent = args
            .variant
            .call(&config, Jitter::random(), || client.get(&url).send())
            .await;
        let status = match sent {
            Ok(response) => response.status().to_string(),
            Err(error) => error
                .status()
                .map_or_else(|| format!("error: {error}"), |s| s.to_string()),
        };
        anyhow::Ok((status, server.arrivals(), started.elapsed()))
    })?;
    let times: Vec<String> = arrivals
        .iter()
        .map(|t| format!("{:.0}", t.as_secs_f64() * 1_000.0))
        .collect();
    let requests = match arrivals.len() {
        1 => "1 request".to_string(),
        n => format!("{n} requests"),
    };
    evidence::say!(
        "{}: {requests}, ending in {status}, after {:.0} ms",
        args.variant,
        took.as_secs_f64() * 1_000.0
    )?;
    evidence::say!("requests at (ms): {}", times.join(" "))?;
    args.console.hold();
    Ok(())
}
