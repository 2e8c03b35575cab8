//! Watch one bridge at work: `cargo run -p runtime-per-call --bin demo -- <variant>`.
//!
//! Starts `--callers` host threads that each make `--calls` calls through the chosen bridge,
//! then prints how many runtimes were built and what the process gained in threads and
//! resident memory while those threads were still alive. It stops by itself: the work is a
//! fixed number of calls, capped so that even the thread-hungry variants stay small.
//!
//! Built with `--features console`, it also serves its tasks to tokio-console on
//! 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards for you to look.

use clap::Parser;
use runtime_per_call::Variant;
use runtime_per_call::footprint;

/// Run one bridging variant and report its footprint.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which bridge to run.
    #[arg(value_enum)]
    variant: Variant,
    /// Host threads calling in at once (at most 64: every one may bring a runtime along).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    callers: u16,
    /// Calls each host thread makes (at most 10 000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    calls: u64,
    /// Print the measurement as JSON instead of prose.
    #[arg(long)]
    json: bool,
    /// With `--features console`: seconds to stay alive after the calls, for tokio-console.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=600))]
    hold: u64,
    /// With `--features console`: the loopback port tokio-console connects to.
    #[arg(long, default_value_t = 6669)]
    console_port: u16,
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
    #[cfg(feature = "console")]
    serve_console(args.console_port)?;
    let measured = footprint::measure(args.variant, usize::from(args.callers), args.calls)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&measured)?);
        return Ok(());
    }
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    println!(
        "{variant}: {callers} host threads x {calls} calls built {runtimes} runtime(s).",
        variant = measured.variant,
        callers = measured.callers,
        calls = measured.calls_per_caller,
        runtimes = measured.runtimes_built,
    );
    println!(
        "threads: {} before, {} with the callers alive; resident memory: {:.1} MiB -> {:.1} MiB",
        measured.before.threads,
        measured.after.threads,
        mib(measured.before.rss_bytes),
        mib(measured.after.rss_bytes),
    );
    hold(args.hold);
    Ok(())
}

/// Starts the tokio-console server on a loopback port, or says why it cannot.
#[cfg(feature = "console")]
fn serve_console(port: u16) -> anyhow::Result<()> {
    // console-subscriber binds in a background thread and only logs a failure, so a port in
    // use would go unnoticed: try it here first and fail with a message that says what to do.
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    if let Err(err) = std::net::TcpListener::bind(address) {
        anyhow::bail!(
            "cannot serve tokio-console on {address}: {err}. Is another demo still running? \
             Stop it, or pick another port with --console-port"
        );
    }
    // Loopback only, whatever the environment says: the demo is not a server.
    console_subscriber::ConsoleLayer::builder()
        .server_addr(address)
        .init();
    Ok(())
}

/// Keeps the process (and the shared runtime, if any) alive for tokio-console to inspect.
fn hold(seconds: u64) {
    if seconds == 0 {
        return;
    }
    if cfg!(not(feature = "console")) {
        eprintln!("--hold only helps with tokio-console: rebuild with `--features console`");
        return;
    }
    println!("holding for {seconds} s: connect with `tokio-console http://127.0.0.1:6669`");
    #[expect(
        clippy::disallowed_methods,
        reason = "a plain thread waiting, not async code"
    )]
    std::thread::sleep(std::time::Duration::from_secs(seconds));
}
