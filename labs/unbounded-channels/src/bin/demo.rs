//! Watch a channel fill up: `cargo run -p unbounded-channels --release --bin demo -- <what>`.
//!
//! For a channel variant (`anti`, `fixed`, `shed-newest`, `shed-oldest`, `spawned-send`),
//! events arrive faster than the consumer handles them for `--seconds`, and every quarter of a
//! second the demo prints the queue's depth and the heap in use (a counting global allocator
//! wraps the system's). It stops by itself: when the seconds are up, or when `--max-queued`
//! events are waiting, whichever comes first; then it reports the growth rate and the
//! latency the queue added.
//!
//! For the actors (`actors-cycle`, `actors-oneshot-reply`), sixteen clients each ask a
//! dispatcher and worker pair a thousand times. The cycle stops making progress at some point;
//! the demo notices that nothing moved for a second, says what each actor is waiting for, and
//! exits.
//!
//! Built with `--features console`, it also serves its tasks to tokio-console on
//! 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards for you to look.

use std::alloc::System;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use cap::Cap;
use clap::{Parser, ValueEnum};
use tokio::time::Instant;
use unbounded_channels::Variant;
use unbounded_channels::actors::{Design, Service, answer};
use unbounded_channels::scenario::{Finish, Scenario};
use unbounded_channels::sink::Sink;

/// Every allocation goes through this counter, so the demo can print the heap in use.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum What {
    /// An unbounded channel: the queue grows.
    Anti,
    /// A bounded channel with awaited sends: the producer slows down.
    Fixed,
    /// A bounded channel that drops and counts the newest event when full.
    ShedNewest,
    /// A bounded queue that evicts and counts the oldest event when full.
    ShedOldest,
    /// A bounded channel fed by a task per send: the queue hides in the scheduler.
    SpawnedSend,
    /// Two actors sending to each other over bounded channels: they deadlock.
    ActorsCycle,
    /// The same pair with replies over oneshot channels: every request completes.
    ActorsOneshotReply,
}

/// Run one variant under overload, or one actor design under load, and report.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// What to run.
    #[arg(value_enum)]
    what: What,
    /// Seconds of arrivals (at most 60).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=60))]
    seconds: u64,
    /// Events arriving per second (at most 1 000 000). The defaults are modest so the demo
    /// also finishes promptly under tokio-console's instrumentation; raise them to watch the
    /// heap climb faster.
    #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    rate: u64,
    /// Microseconds of CPU the consumer spends on each event.
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    service_us: u64,
    /// Capacity of the bounded variants.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    capacity: u64,
    /// Stop early when this many events are queued (at most 4 000 000, about 1 GiB).
    #[arg(long, default_value_t = 1_000_000, value_parser = clap::value_parser!(u64).range(1..=4_000_000))]
    max_queued: u64,
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
    args.console.serve()?;
    // Two workers, so the producer and the consumer each have one, as on a small server.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()?;
    runtime.block_on(async {
        match args.what {
            What::ActorsCycle => actors(Design::Cycle).await,
            What::ActorsOneshotReply => actors(Design::OneshotReply).await,
            What::Anti => channel(Variant::Anti, &args).await,
            What::Fixed => channel(Variant::Fixed, &args).await,
            What::ShedNewest => channel(Variant::ShedNewest, &args).await,
            What::ShedOldest => channel(Variant::ShedOldest, &args).await,
            What::SpawnedSend => channel(Variant::SpawnedSend, &args).await,
        }
        args.console.hold_async().await;
    });
    Ok(())
}

fn mib(bytes: f64) -> f64 {
    bytes / (1024.0 * 1024.0)
}

async fn channel(variant: Variant, args: &Args) {
    let scenario = Scenario {
        variant,
        capacity: usize::try_from(args.capacity).expect("at most a million"),
        events: args.seconds * args.rate,
        arrival_gap: Duration::from_nanos(1_000_000_000 / args.rate),
        sink: Sink::Spin(Duration::from_micros(args.service_us)),
        max_queued: args.max_queued,
        // The demo shows growth; draining a backlog of a million events would only take long.
        finish: Finish::Abandon,
    };
    println!(
        "{variant}: {} events/s arriving for {} s, {} µs of work per event ({} events/s); \
         stops early at {} queued events",
        args.rate,
        args.seconds,
        args.service_us,
        1_000_000 / args.service_us,
        args.max_queued
    );
    let running = scenario.start();
    let baseline = ALLOCATOR.allocated();
    let counters = running.counters();
    let started = Instant::now();
    let report = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(250));
        tick.tick().await; // the first tick is immediate
        loop {
            tick.tick().await;
            let stats = counters.snapshot();
            println!(
                "  t = {:5.2} s   queued {:>9}   dropped {:>9}   heap {:8.1} MiB",
                started.elapsed().as_secs_f64(),
                stats.queued(),
                stats.dropped(),
                mib(ALLOCATOR.allocated().saturating_sub(baseline) as f64),
            );
        }
    });
    let outcome = running.finish().await;
    report.abort();
    let took = outcome.arrivals_took.as_secs_f64();
    println!(
        "{variant}: {} of {} events arrived in {took:.2} s{}",
        outcome.arrived,
        scenario.events,
        if outcome.stopped_at_cap {
            " (stopped: the queue reached the cap)"
        } else {
            ""
        },
    );
    println!(
        "  queue grew at {:.0} events/s to {} (about {:.1} MiB of events); {} handled, {} dropped and counted",
        outcome.max_queued as f64 / took.max(1e-9),
        outcome.max_queued,
        mib((outcome.max_queued as usize * unbounded_channels::Event::SIZE) as f64),
        outcome.delivered,
        outcome.stats.dropped(),
    );
    println!(
        "  send -> receive latency: p50 {:?}, p99 {:?}, max {:?}; the producer ended {:?} behind the arrivals",
        outcome.latency.p50, outcome.latency.p99, outcome.latency.max, outcome.producer_lag
    );
}

async fn actors(design: Design) {
    const CLIENTS: u64 = 16;
    const REQUESTS_EACH: u64 = 1_000;
    let service = Service::start(design, 2);
    let completed = Arc::new(AtomicU64::new(0));
    println!(
        "{design:?}: {CLIENTS} clients ask {REQUESTS_EACH} times each, all at once; both inboxes \
         hold 2 messages"
    );
    for client in 0..CLIENTS {
        let (service, completed) = (service.clone(), Arc::clone(&completed));
        tokio::spawn(async move {
            for n in 0..REQUESTS_EACH {
                let job = client * REQUESTS_EACH + n;
                if service.request(job).await != Ok(answer(job)) {
                    return;
                }
                completed.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    // A watchdog, not a timeout on the requests: progress is what tells slow from stuck.
    let total = CLIENTS * REQUESTS_EACH;
    let mut last = (0, Instant::now());
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let done = completed.load(Ordering::Relaxed);
        if done == total {
            println!("  all {total} requests answered");
            return;
        }
        if done != last.0 {
            last = (done, Instant::now());
        } else if last.1.elapsed() >= Duration::from_secs(1) {
            let (dispatcher, worker) = service.activities();
            println!(
                "  deadlock: {done} of {total} answered, then nothing for a second; the \
                 dispatcher is {dispatcher:?}, the worker is {worker:?}"
            );
            return;
        }
    }
}
