//! Criterion bench for the timers-in-loops lab: what a timer costs a message loop, per
//! message, when it is rebuilt on every turn against kept across turns.
//!
//! The behaviour (starving, bursting, drifting) is exact under paused time and lives in the
//! tests and the probe; what paused time cannot show is the real cost of the timer on a busy
//! loop. One group, `per-message`: `n` messages already wait in the inbox, the period is an
//! hour (no tick fires), and each loop handles them all; time per message, on the real clock
//! of a current-thread runtime. A loop that builds `sleep(period)` (`anti`) or
//! `sleep_until(deadline)` (`deadline`) on each turn registers a new timer in Tokio's wheel and
//! removes it again for every message; `fixed` registers one interval once and polls it. The
//! headline is `anti` against `fixed` at the largest load. `limit` is the floor: the same
//! `select!` with no timer behind its second branch ([`timers_in_loops::limit`]).
//!
//! Only the loop is timed (`iter_custom`): filling the inbox is the same for every variant and
//! would only dilute the difference.
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) measures the
//! headline's load only, thirty samples per row in under a second; full mode and a `cargo
//! bench` by hand measure every load with criterion's defaults.

use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;
use timers_in_loops::{Actions, Message, Variant, Variants, Work, limit};
use tokio::runtime::Runtime;
use tokio::sync::mpsc;

/// Messages waiting in the inbox ...
const MESSAGES: [usize; 3] = [100, 1_000, 10_000];
/// ... and in quick mode: the headline's load only.
const QUICK_MESSAGES: [usize; 1] = [10_000];

/// No tick fires during a run: the bench measures what the timer costs the messages.
const PERIOD: Duration = Duration::from_secs(3_600);

/// Whether `cargo xtask book` runs this bench in quick mode.
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// Quick mode's settings: thirty samples of a loop over 10 000 messages (a fraction of a
/// millisecond each) in 0.6 s, so that nine rows stay within the lab's share of the main
/// job's time. Thirty, not ten: the machines this runs on are shared, and a few preempted
/// samples must not decide the interval.
fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        // Flat: every sample runs the same number of loops, so thirty of them fit the time
        // even when one loop (the anti-pattern's) takes over a millisecond.
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(30)
            .warm_up_time(Duration::from_millis(150))
            .measurement_time(Duration::from_millis(600));
    }
}

/// An inbox holding `n` messages, its sender already gone: the loop ends when it is empty.
fn full_inbox(n: usize) -> mpsc::Receiver<Message> {
    let (inbox, messages) = mpsc::channel(n);
    for i in 0..n {
        inbox
            .try_send(Message(i as u64))
            .expect("the inbox has room for every message");
    }
    messages
}

/// What one bench row runs: a variant, or the floor.
#[derive(Clone, Copy)]
enum Loop {
    Variant(Variant),
    Limit,
}

/// Times `the_loop` over `iterations` fresh inboxes of `n` messages, the filling untimed.
fn time_loops(runtime: &Runtime, n: usize, iterations: u64, the_loop: Loop) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        let inbox = full_inbox(n);
        // Inside the runtime: the actions read Tokio's clock.
        let actions = runtime.block_on(async { Actions::new(Work::NONE) });
        let start = Instant::now();
        runtime.block_on(async {
            match the_loop {
                Loop::Variant(variant) => variant.run(inbox, PERIOD, &actions).await,
                Loop::Limit => limit::run(inbox, &actions).await,
            }
        });
        total += start.elapsed();
        assert_eq!(actions.record().messages, n as u64, "every message handled");
    }
    total
}

fn per_message(c: &mut Criterion) {
    let mut group = c.benchmark_group("timers-in-loops/per-message");
    quick_settings(&mut group);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime");
    let loads: &[usize] = if quick() { &QUICK_MESSAGES } else { &MESSAGES };
    for &n in loads {
        group.throughput(Throughput::Elements(n as u64));
        for &variant in Variant::all() {
            group.bench_function(BenchmarkId::new(variant.name(), n), |b| {
                b.iter_custom(|iterations| {
                    time_loops(&runtime, n, iterations, Loop::Variant(variant))
                });
            });
        }
        group.bench_function(BenchmarkId::new("limit", n), |b| {
            b.iter_custom(|iterations| time_loops(&runtime, n, iterations, Loop::Limit));
        });
    }
    group.finish();
}

criterion_group!(benches, per_message);
criterion_main!(benches);
