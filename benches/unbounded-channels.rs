//! Criterion bench for the unbounded-channels lab: what each channel costs in throughput.
//!
//! Memory and latency, the anti-pattern's real costs, are the probe's business (they need a
//! counting allocator and a run long enough to grow). This bench answers the question a
//! reader asks before switching: what does a bound cost me in throughput? Two groups, the
//! variant as the function id and the number of producer tasks as the load:
//!
//! - `fast-consumer`: the consumer does nothing but receive, so it keeps up as well as any
//!   consumer can. Whatever a bounded channel costs here (permits, wake-ups of a producer
//!   that waits) is the price of backpressure when nothing is slow. `limit` is the floor:
//!   the same burst through a bare `tokio::sync::mpsc::channel` (`unbounded_channels::limit`),
//!   without the lab's counters and dispatch.
//! - `slow-consumer`: the consumer does a fixed amount of arithmetic per event, several times
//!   what a send costs (arithmetic, not a timer: Tokio's timer ticks in milliseconds and
//!   would measure itself). Time until every accepted event is handled, per event *sent*.
//!   The consumer's pace sets the throughput whichever queue feeds it; the shedding variants
//!   finish sooner because most of a burst into a full channel is dropped, not handled.
//!
//! Each iteration is one burst (`unbounded_channels::load`): a fresh channel of 256, the
//! events sent by the producer tasks, timed until the consumer has received the last one, on
//! a two-worker multi-thread runtime built once (the reference machine has two cores).
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) has to fit
//! the lab, probe included, into its share of a five-minute budget: it measures
//! `fast-consumer` at both loads (the chapter sets `fixed` beside `limit` at each) and
//! `slow-consumer` at 4 producers only, with ten samples in a short time. Full mode and a
//! `cargo bench` by hand measure everything with criterion's defaults.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::Mode;
use unbounded_channels::load::Load;
use unbounded_channels::sink::Sink;
use unbounded_channels::{Variant, Variants};

/// Capacity of the bounded variants: a typical choice, far from either extreme.
const CAPACITY: usize = 256;
/// Rounds of the slow consumer's hash per event (each round reads the whole 240-byte body).
const SLOW_ROUNDS: u32 = 12;
/// Producer tasks sending at once.
const PRODUCERS: [u64; 2] = [1, 4];
/// The slow consumer's loads in quick mode: several producers, the overload the lab is about.
const QUICK_SLOW_PRODUCERS: [u64; 1] = [4];

/// Whether `cargo xtask book` runs this bench in quick mode.
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// One group: every variant at every load of `loads`, and the floor if `with_limit`.
fn group(
    c: &mut Criterion,
    question: &str,
    (messages, sink): (u64, Sink),
    loads: &[u64],
    with_limit: bool,
) {
    let load = Load::new(2, CAPACITY);
    let mut group = c.benchmark_group(format!("unbounded-channels/{question}"));
    group.throughput(Throughput::Elements(messages));
    if quick() {
        // Overrides the command line's quick settings: an iteration is a burst of about a
        // millisecond, so a third of a second still times hundreds of them.
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(300));
    }
    for &producers in loads {
        for &variant in Variant::all() {
            group.bench_with_input(
                BenchmarkId::new(variant.name(), producers),
                &producers,
                |b, &producers| {
                    b.iter(|| black_box(load.burst(variant, producers, messages, sink)));
                },
            );
        }
        if with_limit {
            // The floor: Tokio's bounded channel alone. `fixed` is this plus the lab's
            // counters and dispatch, so it cannot be faster.
            group.bench_with_input(
                BenchmarkId::new("limit", producers),
                &producers,
                |b, &producers| b.iter(|| black_box(load.limit_burst(producers, messages, sink))),
            );
        }
    }
    group.finish();
}

fn fast_consumer(c: &mut Criterion) {
    // Both loads in every mode: the chapter sets `fixed` beside its floor at each.
    group(c, "fast-consumer", (4_096, Sink::Free), &PRODUCERS, true);
}

fn slow_consumer(c: &mut Criterion) {
    let loads: &[u64] = if quick() {
        &QUICK_SLOW_PRODUCERS
    } else {
        &PRODUCERS
    };
    // No floor here: the consumer's work sets the pace, whatever channel feeds it.
    group(
        c,
        "slow-consumer",
        (1_024, Sink::Work(SLOW_ROUNDS)),
        loads,
        false,
    );
}

criterion_group!(benches, fast_consumer, slow_consumer);
criterion_main!(benches);
