//! Watch one variant at work: `cargo run -p unbounded-concurrency --bin demo -- <variant>`.
//!
//! scaffold: replace with a workload that shows the anti-pattern and its fix live. It stops by
//! itself: every flag has a range.

use clap::Parser;
use unbounded_concurrency::Variant;

/// Run one variant and say what it did.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which variant to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Requests to handle (at most 10 000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    requests: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let subject = args.variant.build();
    let total: u64 = runtime.block_on(async {
        let mut total = 0;
        for request in 0..args.requests {
            total += subject.handle(request).await;
        }
        total
    });
    evidence::say!("{}: {} requests, answers summing to {total}", args.variant, args.requests)?;
    args.console.hold();
    Ok(())
}
