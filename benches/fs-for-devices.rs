//! Criterion bench for the fs-for-devices lab: what one message costs to arrive on a port,
//! per variant, on the real clock.
//!
//! The tests count what an idle port holds; this measures the other side, the latency of a
//! message through each variant. One group, `round-trip`: the bench asks a writer thread to
//! write `n` short lines into the FIFO, then waits until the port's reader has read all `n`.
//! The reader waits first, as an agent's does, so every iteration includes a wake-up: the
//! reactor's (`fixed`, `async-fd`), the blocking thread's hand-back (`anti`), the channel's
//! (`dedicated-thread`). Every variant reads on a current-thread runtime, so the bench thread
//! is the one that sleeps and is woken, as in `limit`.
//!
//! Every thread of the bench runs on one core ([`fs_for_devices::limit::one_core`]): on two,
//! which core a wake-up lands on decides the time (an idle virtual core takes tens of
//! microseconds to wake) and changes from run to run; on one, what is measured is each
//! variant's own path.
//!
//! `limit` is the floor ([`fs_for_devices::limit`]): the same writer thread, and the bench
//! thread blocked in `read(2)` on the FIFO with no runtime at all: the write, the kernel
//! waking the reader, the copy out. No variant can do less.
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) measures one
//! line per iteration only; full mode and a `cargo bench` by hand add a burst of 64.

use std::io::Write;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use evidence::Mode;
use fs_for_devices::{Fifo, Variant, Variants, limit, lines};

/// Lines per iteration ...
const BURSTS: [usize; 2] = [1, 64];
/// ... and in quick mode: the headline's load only.
const QUICK_BURSTS: [usize; 1] = [1];

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// Quick mode's settings keep the five rows within the lab's share of the main job's time.
fn settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(900));
    } else {
        group
            .sample_size(50)
            .measurement_time(Duration::from_secs(3));
    }
}

/// The peer: a thread that writes `n` lines into the FIFO each time it is asked.
struct Writer {
    ask: Option<mpsc::SyncSender<usize>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Writer {
    fn new(fifo: &Fifo) -> Writer {
        let mut file = fifo
            .writer()
            .expect("a write end")
            .try_clone()
            .expect("a second write end");
        let (ask, asked) = mpsc::sync_channel::<usize>(1);
        let thread = std::thread::spawn(move || {
            // 64 lines of 8 bytes fit the pipe's buffer: a burst is one write, never blocked.
            let mut burst = Vec::new();
            while let Ok(n) = asked.recv() {
                burst.clear();
                for _ in 0..n {
                    burst.extend_from_slice(b"message\n");
                }
                file.write_all(&burst).expect("the FIFO takes the burst");
            }
        });
        Writer {
            ask: Some(ask),
            thread: Some(thread),
        }
    }

    fn ask(&self, n: usize) {
        self.ask
            .as_ref()
            .expect("a writer")
            .send(n)
            .expect("the writer runs");
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.ask = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn round_trip(c: &mut Criterion) {
    // Before any thread starts, so that every thread of the bench inherits the one core.
    limit::one_core().expect("the bench pinned to one core");
    let mut group = c.benchmark_group("fs-for-devices/round-trip");
    settings(&mut group);
    let bursts: &[usize] = if quick() { &QUICK_BURSTS } else { &BURSTS };
    for &n in bursts {
        group.throughput(Throughput::Elements(n as u64));
        for &variant in Variant::all() {
            let fifo = Fifo::new().expect("a FIFO");
            let writer = Writer::new(&fifo);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            let mut port = runtime.block_on(async {
                lines(variant.open(fifo.path()).await.expect("the port opens"))
            });
            group.bench_function(BenchmarkId::new(variant.name(), n), |b| {
                b.iter_custom(|iterations| {
                    runtime.block_on(async {
                        let start = Instant::now();
                        for _ in 0..iterations {
                            writer.ask(n);
                            for _ in 0..n {
                                port.next_line()
                                    .await
                                    .expect("a line")
                                    .expect("not the end");
                            }
                        }
                        start.elapsed()
                    })
                });
            });
            // The port first, then the FIFO (its hang-up ends an `anti` read in flight).
            drop(port);
            drop(writer);
            drop(fifo);
        }
        let fifo = Fifo::new().expect("a FIFO");
        let writer = Writer::new(&fifo);
        let mut reader = limit::open(fifo.path()).expect("a blocking reader");
        let mut line = String::new();
        group.bench_function(BenchmarkId::new("limit", n), |b| {
            b.iter_custom(|iterations| {
                let start = Instant::now();
                for _ in 0..iterations {
                    writer.ask(n);
                    limit::read_lines(&mut reader, n, &mut line).expect("the lines");
                }
                start.elapsed()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, round_trip);
criterion_main!(benches);
