//! Watch a channel fill up: `cargo run -p unbounded-channels --release --bin demo -- <what>`.
//!
//! For a channel variant (`anti`, `fixed`, `shed-newest`, `shed-oldest`, `spawned-send`),
//! events arrive faster than the consumer handles them for `--seconds`, and every quarter of a
//! second the demo prints the queue's depth and the heap in use (a counting global allocator
//! wraps the system's). It stops by itself, and every flag has a range, so that no run lasts
//! much more than a minute:
//!
//! - the arrivals end after `--seconds` (at most 60), whatever the variant. A producer that
//!   waits for room (`fixed`) stops there too, and the demo counts what had arrived but was
//!   never sent: the backlog that waiting pushed upstream;
//! - the producer stops earlier when the heap has grown by `--max-mib` (at most 1 GiB) since
//!   the start. The cap is read from the allocator, so everything the queue holds counts: the
//!   events, the channel's blocks, and `spawned-send`'s parked tasks (each several times an
//!   event's size, which a cap counted in events would miss);
//! - then the consumer finishes the event in hand (at most `--service-us`, 10 ms) and the
//!   backlog is dropped, not drained: that drop, a fraction of a second for a full 1 GiB, is
//!   the whole tail after the arrivals end.
//!
//! It then reports how far the queue grew and the latency it added.
//!
//! For the actors (`actors-cycle`, `actors-oneshot-reply`), sixteen clients each ask a
//! dispatcher and worker pair a thousand times. The cycle stops making progress at some point;
//! the demo notices that nothing moved for a second, says what each actor is waiting for, and
//! exits. The oneshot design answers them all, in well under a second; the demo gives up after
//! `--seconds` all the same.
//!
//! Built with `--features console`, it also serves its tasks to tokio-console on
//! 127.0.0.1:6669 (loopback only), and `--hold` keeps it alive afterwards for you to look.

use std::alloc::System;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use cap::Cap;
use clap::builder::PossibleValue;
use clap::{Parser, ValueEnum};
use evidence::number::{count, duration, mib};
use evidence::say;
use tokio::time::Instant;
use unbounded_channels::actors::{Design, Service, answer};
use unbounded_channels::scenario::{Finish, HeapCap, Scenario};
use unbounded_channels::sink::Sink;
use unbounded_channels::{Variant, Variants};

/// Every allocation goes through this counter, so the demo can print the heap in use and cap
/// it.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// The heap in use, in bytes: what [`HeapCap`] reads.
fn heap_in_use() -> usize {
    ALLOCATOR.allocated()
}

/// What to run: a channel under overload, or an actor design under load.
#[derive(Debug, Clone, Copy)]
enum What {
    Channel(Variant),
    Actors(Design),
}

/// Every choice, in the order `--help` lists them: the channels, then the actor designs.
static CHOICES: LazyLock<Vec<What>> = LazyLock::new(|| {
    let channels = Variant::all().iter().copied().map(What::Channel);
    let actors = Design::all().iter().copied().map(What::Actors);
    channels.chain(actors).collect()
});

// By hand rather than derived: the names come from the lab's two enums, so that the demo
// accepts exactly the names the benches and the book use.
impl ValueEnum for What {
    fn value_variants<'a>() -> &'a [Self] {
        &CHOICES
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            What::Channel(variant) => variant.to_possible_value(),
            What::Actors(design) => design.to_possible_value(),
        }
    }
}

/// Run one variant under overload, or one actor design under load, and report.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// What to run.
    #[arg(value_enum)]
    what: What,
    /// Seconds of arrivals (at most 60); every variant stops producing when they end.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=60))]
    seconds: u64,
    /// Events arriving per second (at most 1 000 000). The defaults are modest so the demo
    /// also finishes promptly under tokio-console's instrumentation; raise them to watch the
    /// heap climb faster.
    #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    rate: u64,
    /// Microseconds of CPU the consumer spends on each event (at most 10 000).
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    service_us: u64,
    /// Capacity of the bounded variants.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    capacity: u64,
    /// Stop producing when the heap has grown by this many MiB since the start (at most
    /// 1024): queued events, channel blocks and parked tasks all count.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=1024))]
    max_mib: u64,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

fn main() -> ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    // Two workers, so the producer and the consumer each have one, as on a small server.
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(2).enable_time();
    let runtime = demo_console::watch(&mut builder).build()?;
    runtime.block_on(async {
        match args.what {
            What::Channel(variant) => channel(variant, &args).await,
            What::Actors(design) => actors(design, &args).await,
        }
    })?;
    runtime.block_on(args.console.hold_async());
    Ok(())
}

async fn channel(variant: Variant, args: &Args) -> anyhow::Result<()> {
    let seconds = Duration::from_secs(args.seconds);
    let scenario = Scenario {
        variant,
        capacity: usize::try_from(args.capacity)?,
        events: args.seconds * args.rate,
        arrival_gap: Duration::from_nanos(1_000_000_000 / args.rate),
        sink: Sink::Spin(Duration::from_micros(args.service_us)),
        // The heap cap is the bound here: a count of events would not bound `spawned-send`.
        max_queued: u64::MAX,
        heap_cap: Some(HeapCap {
            in_use: heap_in_use,
            bytes: usize::try_from(args.max_mib * 1024 * 1024)?,
        }),
        arrivals_end: Some(seconds),
        // The demo shows growth; draining a backlog of a million events would only take long.
        finish: Finish::Abandon,
    };
    say!(
        "{variant}: {} events/s arriving for {}, {} of work per event (at most {} events/s); \
         stops early when the heap has grown by {}",
        count(args.rate),
        duration(seconds),
        duration(Duration::from_micros(args.service_us)),
        count(1_000_000 / args.service_us),
        mib((args.max_mib * 1024 * 1024) as f64),
    )?;
    let running = scenario.start();
    let baseline = heap_in_use();
    let counters = running.counters();
    let started = Instant::now();
    // The ticker stops only when stdout does (a reader's `| head`); it hands back that error.
    let ticker = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(250));
        tick.tick().await; // the first tick is immediate
        loop {
            tick.tick().await;
            let stats = counters.snapshot();
            let line = say!(
                "  t = {:>7}   queued {:>9}   dropped {:>9}   heap {:>10}",
                duration(started.elapsed()),
                count(stats.queued()),
                count(stats.dropped()),
                mib(heap_in_use().saturating_sub(baseline) as f64),
            );
            if let Err(closed) = line {
                break closed;
            }
        }
    });
    let outcome = running.finish().await;
    ticker.abort();
    if let Ok(closed) = ticker.await {
        return Err(closed.into());
    }
    let took = outcome.arrivals_took;
    say!(
        "{variant}: {} of {} events arrived in {}{}",
        count(outcome.arrived),
        count(scenario.events),
        duration(took),
        if outcome.stopped_at_cap {
            " (stopped: the heap reached the cap)"
        } else {
            ""
        },
    )?;
    if outcome.unsent > 0 {
        say!(
            "  {} of them were never sent: the producer was still waiting for room when the \
             arrivals ended, so that backlog waits upstream",
            count(outcome.unsent)
        )?;
    }
    say!(
        "  queue grew at {} events/s to {} (the heap by {}); {} handled, {} dropped and counted",
        count((outcome.max_queued as f64 / took.as_secs_f64().max(1e-9)).round() as i64),
        count(outcome.max_queued),
        mib(outcome.heap_peak.unwrap_or(0) as f64),
        count(outcome.delivered),
        count(outcome.stats.dropped()),
    )?;
    say!(
        "  send -> receive latency: p50 {}, p99 {}, max {}; the producer ended {} behind the arrivals",
        duration(outcome.latency.p50),
        duration(outcome.latency.p99),
        duration(outcome.latency.max),
        duration(outcome.producer_lag)
    )?;
    Ok(())
}

async fn actors(design: Design, args: &Args) -> anyhow::Result<()> {
    const CLIENTS: u64 = 16;
    const REQUESTS_EACH: u64 = 1_000;
    let service = Service::start(design, 2);
    let completed = Arc::new(AtomicU64::new(0));
    say!(
        "{}: {CLIENTS} clients ask {} times each, all at once; both inboxes hold 2 messages",
        design.name(),
        count(REQUESTS_EACH)
    )?;
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
    let (started, mut last) = (Instant::now(), (0, Instant::now()));
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let done = completed.load(Ordering::Relaxed);
        if done == total {
            return Ok(say!("  all {} requests answered", count(total))?);
        }
        if done != last.0 {
            last = (done, Instant::now());
        } else if last.1.elapsed() >= Duration::from_secs(1) {
            let (dispatcher, worker) = service.activities();
            return Ok(say!(
                "  deadlock: {} of {} answered, then nothing for a second; the dispatcher is \
                 {dispatcher:?}, the worker is {worker:?}",
                count(done),
                count(total)
            )?);
        }
        if started.elapsed() >= Duration::from_secs(args.seconds) {
            return Ok(say!(
                "  stopped after {}: {} of {} answered, still making progress",
                duration(started.elapsed()),
                count(done),
                count(total)
            )?);
        }
    }
}
