//! Watch one converter used the way a host uses it: `cargo run -p send-sync --bin demo --
//! <variant>`.
//!
//! Host threads call the converter through a shared reference, from the tasks of a
//! multi-threaded runtime, then the demo says how many calls the library numbered and how
//! many overlapped. `anti` and `refcell` are not `Sync`, so this program cannot share them at
//! all: for those it runs the same calls on one thread and says why. `tokio-mutex` panics on
//! the first call from a runtime worker; the demo reports the panic. Bounded by `--calls`; it
//! stops by itself. Nothing in this lab blocks a worker for long, so the chapter has no
//! tokio-console snapshot of it: the lesson is what compiles.

use std::sync::Arc;

use clap::Parser;
use send_sync::exclusion::panic_message;
use send_sync::ffi::{self, RawSession};
use send_sync::fixed::Fixed;
use send_sync::tokio_mutex::TokioMutex;
use send_sync::unguarded::Unguarded;
use send_sync::{Converter, Variant};

/// Run one converter from many tasks and say what the library saw.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which converter to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Calls per task (at most 10 000).
    #[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    calls: u64,
    /// Tasks calling at once (at most 64).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=64))]
    tasks: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let session = ffi::open();
    let made = match args.variant {
        Variant::Fixed => shared(&args, Fixed::open(session.clone()))?,
        Variant::TokioMutex => shared(&args, TokioMutex::open(session.clone()))?,
        Variant::Unguarded => shared(&args, Unguarded::open(session.clone()))?,
        Variant::Anti | Variant::Refcell => {
            evidence::say!(
                "{}: not `Sync`, so it cannot be shared between threads; {} calls on one thread",
                args.variant,
                args.calls * args.tasks
            )?;
            let converter = args.variant.build(session.clone());
            for call in 0..args.calls * args.tasks {
                converter.convert(&call.to_string());
            }
            Ok(converter.calls())
        }
    };
    report(&args, &session, made)?;
    args.console.hold();
    Ok(())
}

/// Calls `converter` from `args.tasks` tasks of a multi-threaded runtime; the calls it made,
/// or the first panic's message.
fn shared<C: Converter + Send + Sync + 'static>(
    args: &Args,
    converter: C,
) -> anyhow::Result<Result<u64, String>> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(4).enable_all();
    let runtime = demo_console::watch(&mut builder).build()?;
    let converter = Arc::new(converter);
    let calls = args.calls;
    let outcome = runtime.block_on(async {
        let tasks: Vec<_> = (0..args.tasks)
            .map(|task| {
                let converter = Arc::clone(&converter);
                tokio::spawn(async move {
                    for call in 0..calls {
                        converter.convert(&format!("{task}-{call}"));
                        // Let the other tasks on this worker in between calls.
                        tokio::task::yield_now().await;
                    }
                })
            })
            .collect();
        for task in tasks {
            if let Err(err) = task.await {
                return Err(match err.try_into_panic() {
                    Ok(panic) => panic_message(panic.as_ref()),
                    Err(err) => err.to_string(),
                });
            }
        }
        Ok(())
    });
    Ok(outcome.map(|()| converter.calls()))
}

fn report(args: &Args, session: &RawSession, made: Result<u64, String>) -> anyhow::Result<()> {
    Ok(match made {
        Ok(calls) => evidence::say!(
            "{}: {calls} calls made, {} numbered by the library, {} overlapping",
            args.variant,
            session.numbered(),
            session.overlaps()
        ),
        Err(panic) => evidence::say!("{}: a task panicked: {panic}", args.variant),
    }?)
}
