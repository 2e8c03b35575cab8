//! Criterion bench for the cancel-safety lab: what each way of reading costs per line.
//!
//! The lab's real cost is correctness (lines torn by a tick), which the tests and the probe
//! count exactly on a paused clock; this bench answers the question a reader asks before
//! switching: does a cancel-safe read cost throughput? One group, `throughput`: one iteration
//! is a burst of [`LINES`] JSON commands written into a fresh `tokio::io::duplex` pipe by a
//! writer task and served by a variant with its 1 ms tick, on a current-thread runtime built
//! once, until end of stream. Time is per line (`Throughput::Elements`).
//!
//! The load is the pipe's capacity, which bounds the bytes one read can get: at 64 bytes a
//! command (about 26 bytes) is often split between two reads, so the loop goes round once per
//! piece and `select!` is built, and the timer polled, several times per line; at 8 KiB a read
//! gets hundreds of lines at once. `limit` is the floor: the same burst read by `next_line`
//! with no timer and no `select!` at all (`cancel_safety::limit`).
//!
//! `anti` and `kept-buffer` are measured too: a 1 ms tick rarely falls inside a burst this
//! short, so they usually deliver everything, and when they do not, the time is still what
//! their loop costs. Only the fixes are checked for every line.
//!
//! Quick mode (`cargo xtask book` without `--full`, told by `evidence::Mode::from_env`) takes
//! ten samples in a short time at both loads; full mode and a `cargo bench` by hand use
//! criterion's defaults.

use std::sync::Arc;
use std::time::Duration;

use cancel_safety::traffic::command;
use cancel_safety::{Report, Variant, Variants, limit};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::Mode;
use tokio::io::{AsyncWriteExt, DuplexStream};
use tokio::runtime::Runtime;

/// Commands per burst.
const LINES: usize = 1_024;
/// The pipe's capacity in bytes: a command split between reads, and hundreds per read.
const PIPES: [usize; 2] = [64, 8_192];
/// The loop's tick: a keep-alive every millisecond, Tokio's timer resolution.
const TICK: Duration = Duration::from_millis(1);
/// The writer's pieces: as large as the pipe takes, so the pipe alone sets the reads' sizes.
const PIECE: usize = 8_192;

/// Whether `cargo xtask book` runs this bench in quick mode.
fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

/// The burst's bytes, built once and shared by every iteration's writer.
fn stream() -> Arc<[u8]> {
    (0..LINES)
        .flat_map(|seq| {
            let mut line = command(seq).into_bytes();
            line.push(b'\n');
            line
        })
        .collect()
}

/// Writes `stream` into the pipe and closes it.
async fn write(stream: Arc<[u8]>, mut peer: DuplexStream) {
    for piece in stream.chunks(PIECE) {
        peer.write_all(piece)
            .await
            .expect("the reader reads to the end");
    }
    peer.shutdown().await.expect("the pipe closes");
}

/// One burst through a fresh pipe of `pipe` bytes, served by `serve`.
async fn burst<F>(stream: &Arc<[u8]>, pipe: usize, serve: impl FnOnce(DuplexStream) -> F) -> Report
where
    F: Future<Output = std::io::Result<Report>>,
{
    let (peer, ours) = tokio::io::duplex(pipe);
    let writer = tokio::spawn(write(Arc::clone(stream), peer));
    let report = serve(ours).await.expect("the pipe works");
    writer.await.expect("the writer does not panic");
    report
}

fn runtime() -> Runtime {
    // Built once: a runtime per burst would measure runtime start-up instead.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime")
}

fn throughput(c: &mut Criterion) {
    let runtime = runtime();
    let stream = stream();
    let mut group = c.benchmark_group("cancel-safety/throughput");
    group.throughput(Throughput::Elements(LINES as u64));
    if quick() {
        // A burst takes a fraction of a millisecond, so a third of a second times hundreds.
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(300));
    }
    for pipe in PIPES {
        for &variant in Variant::all() {
            group.bench_with_input(BenchmarkId::new(variant.name(), pipe), &pipe, |b, &pipe| {
                b.iter(|| {
                    let report =
                        runtime.block_on(burst(&stream, pipe, |ours| variant.serve(ours, TICK)));
                    if variant.keeps_every_line() {
                        assert_eq!(report.lines.len(), LINES, "{variant} lost lines");
                    }
                    report
                });
            });
        }
        group.bench_with_input(BenchmarkId::new("limit", pipe), &pipe, |b, &pipe| {
            b.iter(|| runtime.block_on(burst(&stream, pipe, limit::read_all)));
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
