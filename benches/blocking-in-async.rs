//! Criterion bench for the blocking-in-async lab: what a blocking pause in a handler costs a
//! service as the number of concurrent requests grows.
//!
//! One batch = `load` requests arriving together on a multi-thread runtime with one worker
//! per core, each pausing for a millisecond, with a heartbeat ticking beside them (see
//! `blocking_in_async::load::batch`). Two questions, one group each; the variant is the
//! function id and the load the parameter:
//!
//! - `throughput`: how long a batch takes, reported per request (`Throughput::Elements`). Its
//!   `limit` row is the pause itself, taken on plain threads with no runtime (see [`Sleepers`]).
//! - `lateness`: how late the heartbeat was at worst during a batch. Criterion only measures
//!   time, so the routine hands it the heartbeat's worst lateness *as* the time of the
//!   iteration (`iter_custom`); criterion's mean and confidence interval are then those of the
//!   worst lateness per batch. The chapter says so next to the table.
//!
//! Variants: `anti` (`std::thread::sleep`), `fixed` (`tokio::time::sleep`) and `spawn-await`
//! (the sleep moved into a spawned task that is awaited at once). The other kinds of work
//! and both runtime flavours are measured by the lab's probe, which has its own statistics.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use blocking_in_async::{Flavor, Job, Variant, Variants, load};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::Mode;

/// Concurrent requests per batch: one, then past the worker count of any ordinary machine.
const LOADS: [usize; 4] = [1, 4, 16, 64];

/// The loads each group measures: all of [`LOADS`], or in quick mode (`cargo xtask book`
/// without `--full`) only what the chapter's prose and headline read, so the lab fits its share
/// of the book's time budget: one request (where the anti-pattern is not worse yet) and the
/// headline load for throughput, the headline load alone for lateness.
fn loads(group: &str) -> Vec<usize> {
    let highest = LOADS[LOADS.len() - 1];
    match (quick(), group) {
        (true, "throughput") => vec![LOADS[0], highest],
        (true, _) => vec![highest],
        (false, _) => LOADS.to_vec(),
    }
}

/// Whether `cargo xtask book` runs this bench in quick mode.
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}
/// What each request pauses for.
const PAUSE: Duration = Duration::from_millis(1);
const VARIANTS: [Variant; 3] = [Variant::Anti, Variant::Fixed, Variant::SpawnAwait];

/// The floor under every handler: a batch of requests that only pause, each on a thread of
/// its own, with no runtime in between.
///
/// A batch cannot be answered sooner than one pause, however it is scheduled; what a runtime
/// adds on top (for `fixed`, the timer wheel rounding a 1 ms sleep up to its next tick) is
/// the distance between a row and this one. The threads are started once, like a runtime's,
/// so a batch pays only for the pauses and the wake-ups.
struct Sleepers {
    starts: Vec<Sender<()>>,
    done: Receiver<()>,
    threads: Vec<JoinHandle<()>>,
}

impl Sleepers {
    fn new(count: usize) -> Sleepers {
        let (done_tx, done) = mpsc::channel();
        let (mut starts, mut threads) = (Vec::new(), Vec::new());
        for _ in 0..count {
            let (start, requests) = mpsc::channel::<()>();
            let done_tx = done_tx.clone();
            threads.push(std::thread::spawn(move || {
                // Ends when `Sleepers` is dropped and the sender goes with it.
                for () in requests {
                    pause();
                    let _ = done_tx.send(());
                }
            }));
            starts.push(start);
        }
        Sleepers {
            starts,
            done,
            threads,
        }
    }

    /// `load` requests at once, each pausing on its own thread; returns when all are done.
    fn batch(&self, load: usize) -> Duration {
        let start = Instant::now();
        for thread in &self.starts[..load] {
            thread
                .send(())
                .expect("the sleepers live as long as Sleepers");
        }
        for _ in 0..load {
            self.done.recv().expect("every sleeper reports back");
        }
        start.elapsed()
    }
}

/// The request's whole work, the pause, on a thread that may block.
#[expect(
    clippy::disallowed_methods,
    reason = "the limit: a plain thread outside any runtime may sleep"
)]
fn pause() {
    std::thread::sleep(PAUSE);
}

impl Drop for Sleepers {
    fn drop(&mut self) {
        self.starts.clear();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// A group sized for iterations that take milliseconds, not nanoseconds.
fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    // Ten samples (criterion's minimum) still give a bootstrap interval. More would multiply
    // the iterations criterion insists on, and the anti-pattern's batches at the highest load
    // take tens of milliseconds each. Warm-up and measurement times are left to the command
    // line (`cargo xtask book` picks them per mode): a group's own settings would override it.
    group.sample_size(10);
}

fn throughput(c: &mut Criterion) {
    // Built once: a runtime per batch would measure runtime start-up instead.
    let runtime = Flavor::MultiThread
        .runtime()
        .expect("the OS refused to start a Tokio runtime");
    let job = Job::new(0).with_pause(PAUSE);
    let sleepers = Sleepers::new(LOADS[LOADS.len() - 1]);
    let mut group = c.benchmark_group("blocking-in-async/throughput");
    configure(&mut group);
    for load in loads("throughput") {
        group.throughput(Throughput::Elements(load as u64));
        for variant in VARIANTS {
            group.bench_with_input(BenchmarkId::new(variant.name(), load), &load, |b, &load| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| {
                            let batch = runtime.block_on(load::batch(variant, load, &job));
                            assert_eq!(batch.failures, 0, "{variant}: a request failed");
                            batch.elapsed
                        })
                        .sum()
                });
            });
        }
        group.bench_with_input(BenchmarkId::new("limit", load), &load, |b, &load| {
            b.iter_custom(|iters| (0..iters).map(|_| sleepers.batch(load)).sum());
        });
    }
    group.finish();
}

fn lateness(c: &mut Criterion) {
    // Built once: a runtime per batch would measure runtime start-up instead.
    let runtime = Flavor::MultiThread
        .runtime()
        .expect("the OS refused to start a Tokio runtime");
    let job = Job::new(0).with_pause(PAUSE);
    let mut group = c.benchmark_group("blocking-in-async/lateness");
    configure(&mut group);
    for load in loads("lateness") {
        // Quick mode: the headline's two variants; `spawn-await`'s likeness to `anti` shows in
        // the throughput group already.
        let variants: &[Variant] = if quick() { &VARIANTS[..2] } else { &VARIANTS };
        for &variant in variants {
            group.bench_with_input(BenchmarkId::new(variant.name(), load), &load, |b, &load| {
                b.iter_custom(|iters| {
                    let total: Duration = (0..iters)
                        .map(|_| {
                            runtime
                                .block_on(load::batch(variant, load, &job))
                                .lateness
                                .max()
                        })
                        .sum();
                    // Criterion cannot analyse a zero; a heartbeat that was never late at all
                    // in every batch is reported as one nanosecond.
                    total.max(Duration::from_nanos(1))
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, throughput, lateness);
criterion_main!(benches);
