//! Watch one ledger at work: `cargo run -p locks-across-await --bin demo -- <variant>`.
//!
//! Every run is bounded in time, so that a deadlock ends the demo instead of hanging it:
//!
//! - a ledger variant (`anti`, `fixed`, `tokio-mutex`, ...): `--tasks` tasks start together
//!   and each makes one deposit through that ledger, on a current-thread runtime, with real
//!   round trips of `--round-trip-ms`. Prints how long it took, how many calls the remote
//!   received and whether money went missing. `anti` with two tasks or more deadlocks: its
//!   only thread blocks inside `Mutex::lock`, and the demo says so after `--timeout-secs`;
//! - `argument-order` or `global-order`: two transfers between the same two accounts, in
//!   opposite directions, with per-account locks taken in that order. The first deadlocks,
//!   the second finishes.
//!
//! Every flag has a range, and the demo refuses a combination whose slowest correct run would
//! not fit in `--timeout-secs` (at most 60): no run lasts more than a minute. The exit status
//! is 0 whether the run finished or deadlocked (a deadlock is what `anti` is here to show);
//! the output says which.
//!
//! Built with `--features console`, it also serves its tasks and Tokio's mutexes to
//! tokio-console on 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards
//! for you to look. Slow the round trips down to watch tasks queue on `tokio-mutex`, or two
//! transfers sit on each other's locks: `tokio-mutex --tasks 8 --round-trip-ms 1000
//! --timeout-secs 30` (8 one-second round trips in line; the demo asks the timeout to
//! allow twice that, for round trips of 1 ms that Tokio's timer can stretch to 2).

use std::process::ExitCode;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{Parser, ValueEnum};
use evidence::number::{count, duration};
use evidence::say;
use locks_across_await::lock_order::{LockOrder, Transfer, transfer_all};
use locks_across_await::sharded::PerAccountLedger;
use locks_across_await::workload::{self, Clock, Keys, Workload};
use locks_across_await::{Remote, Variant, Variants};

/// Run one ledger (or one lock order) and report what happened.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Cli {
    /// A ledger to deposit through, or a lock order for two opposite transfers.
    #[arg(value_enum)]
    variant: Scene,
    /// Ledgers only: tasks depositing at once.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=256))]
    tasks: u16,
    /// Ledgers only: send every deposit to one account instead of one account per task.
    #[arg(long)]
    hot: bool,
    /// Latency of one round trip to the remote service, in milliseconds.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=5_000))]
    round_trip_ms: u64,
    /// Give up (and call it a deadlock) after this many seconds; it must leave room for the
    /// slowest correct run (every round trip in line, each up to twice its latency).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=60))]
    timeout_secs: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

/// What the demo runs: deposits through a ledger, or two transfers in a lock order.
#[derive(Debug, Clone, Copy)]
enum Scene {
    Deposits(Variant),
    Transfers(LockOrder),
}

/// Every scene, in the order `--help` lists them: the ledgers, then the lock orders.
static SCENES: LazyLock<Vec<Scene>> = LazyLock::new(|| {
    let deposits = Variant::all().iter().copied().map(Scene::Deposits);
    let transfers = LockOrder::all().iter().copied().map(Scene::Transfers);
    deposits.chain(transfers).collect()
});

// By hand rather than derived: the names come from the lab's two enums, so that the demo
// accepts exactly the names the benches and the book use.
impl ValueEnum for Scene {
    fn value_variants<'a>() -> &'a [Self] {
        &SCENES
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            Scene::Deposits(variant) => variant.to_possible_value(),
            Scene::Transfers(order) => order.to_possible_value(),
        }
    }
}

fn main() -> ExitCode {
    evidence::cli::main(run)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let round_trip = Duration::from_millis(cli.round_trip_ms);
    let timeout = Duration::from_secs(cli.timeout_secs);
    // Every round trip can last up to twice its latency on Tokio's millisecond timer.
    let slowest = |round_trips: u64| 2 * round_trips * cli.round_trip_ms;
    // The slowest correct run makes its round trips one after another; a timeout shorter than
    // that would call a slow run a deadlock.
    let round_trips = match cli.variant {
        Scene::Deposits(_) => u64::from(cli.tasks),
        Scene::Transfers(_) => 4,
    };
    anyhow::ensure!(
        slowest(round_trips) < timeout.as_millis() as u64,
        "{round_trips} round trips one after another may take {} ms, more than --timeout-secs \
         {}; raise it (up to 60), or lower --round-trip-ms or --tasks",
        slowest(round_trips),
        cli.timeout_secs
    );
    cli.console.serve()?;
    match cli.variant {
        Scene::Deposits(variant) => {
            let keys = if cli.hot { Keys::Hot } else { Keys::Spread };
            let workload = Workload::new(usize::from(cli.tasks), keys);
            deposits(variant, workload, round_trip, timeout)?;
        }
        Scene::Transfers(order) => transfers(order, Remote::new(round_trip), timeout)?,
    }
    cli.console.hold();
    Ok(())
}

fn deposits(
    variant: Variant,
    workload: Workload,
    round_trip: Duration,
    timeout: Duration,
) -> anyhow::Result<()> {
    let tasks = workload.tasks;
    let remote = Remote::new(round_trip);
    match workload::measure(variant, workload, remote, Clock::Real, timeout) {
        Ok(outcome) => {
            say!(
                "{variant}: {} task(s) made {} deposit(s) ({}) in {}, with round trips of {}.",
                count(tasks as u64),
                count(outcome.workload.deposits()),
                workload.keys.describe(),
                duration(outcome.elapsed),
                duration(round_trip),
            )?;
            say!(
                "the remote received {} call(s); {} of {} is missing from the balances.",
                count(outcome.remote_calls),
                count(outcome.lost()),
                count(outcome.workload.expected_total())
            )?;
        }
        Err(stuck) => say!("{variant}: {} task(s): {stuck}", count(tasks as u64))?,
    }
    Ok(())
}

fn transfers(order: LockOrder, remote: Remote, timeout: Duration) -> anyhow::Result<()> {
    let opposite = [
        Transfer {
            from: 0,
            to: 1,
            amount: 10,
        },
        Transfer {
            from: 1,
            to: 0,
            amount: 10,
        },
    ];
    // The runtime and the transfers run on the real clock, bounded by the timeout; no thread
    // ever blocks here (Tokio's mutex suspends the task instead).
    let runtime = workload::current_thread_runtime(Clock::Real);
    let (outcome, balances) = runtime.block_on(async {
        let ledger = Arc::new(PerAccountLedger::with_balance(2, 100, remote));
        let outcome = transfer_all(&ledger, &opposite, order, timeout).await;
        (outcome, ledger.balances().await)
    });
    match outcome {
        Ok(()) => say!(
            "{order}: transfers 0 → 1 and 1 → 0 both finished; balances {balances:?} \
             (they started at [100, 100])."
        )?,
        Err(deadlocked) => say!("{order}: {deadlocked}; balances untouched: {balances:?}.")?,
    }
    Ok(())
}
