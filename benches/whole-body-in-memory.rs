//! Criterion bench for the whole-body-in-memory lab: what each way of saving a download costs
//! in time (the probe measures the memory).
//!
//! - `download`: one body of N MiB from the loopback server into a file in a temporary
//!   directory (through a 256 KiB `BufWriter`), per variant, with the `limit` row: the same
//!   bytes read off a raw TCP socket with a hand-written GET, no HTTP client at all
//!   (`whole_body_in_memory::limit`). Throughput in bytes.
//! - `file`: the fix (`chunk()` in a loop) into a bare `tokio::fs::File`, as the guide writes
//!   it, against the same through the `BufWriter`: what a trip to the blocking pool per
//!   network chunk costs.
//!
//! The variants differ in memory, not in work: each receives the same bytes and writes them
//! once. A time that comes out the same for all of them is the finding that holding the body
//! buys nothing.

use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;
use tokio::io::{AsyncWrite, BufWriter};
use whole_body_in_memory::limit::RawTcp;
use whole_body_in_memory::server::{self, body_url};
use whole_body_in_memory::to_file::FILE_BUFFER;
use whole_body_in_memory::{Download, Variant, Variants};

/// Body sizes in MiB (quick mode: the middle one only).
const SIZES: [u64; 2] = [4, 32];
const QUICK_SIZE: u64 = 16;

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    // A download of 16 MiB takes milliseconds: a few dozen samples, flat, are plenty.
    group.sampling_mode(SamplingMode::Flat);
    if quick() {
        group
            .sample_size(15)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(800));
    } else {
        group.sample_size(30);
    }
}

/// How the bench opens the file each download writes.
#[derive(Clone, Copy)]
enum File {
    Bare,
    Buffered,
}

/// Times `iters` downloads of `mib` MiB with `download` into a fresh file each.
fn time_downloads(
    runtime: &tokio::runtime::Runtime,
    iters: u64,
    mib: u64,
    download: &dyn Download,
    file: File,
) -> Duration {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("download.bin");
    runtime.block_on(async {
        let server = server::start().await.expect("a loopback port");
        let client = whole_body_in_memory::client();
        let url = body_url(&server, mib << 20);
        let mut took = Duration::ZERO;
        for _ in 0..iters {
            // Opening the file is the caller's cost, not the download's: outside the timing.
            let opened = tokio::fs::File::create(&path)
                .await
                .expect("a writable temp dir");
            let mut sink: Box<dyn AsyncWrite + Unpin + Send> = match file {
                File::Bare => Box::new(opened),
                File::Buffered => Box::new(BufWriter::with_capacity(FILE_BUFFER, opened)),
            };
            let started = Instant::now();
            let written = download
                .download(&client, &url, &mut *sink)
                .await
                .expect("the download succeeds");
            took += started.elapsed();
            assert_eq!(written, mib << 20);
        }
        took
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

fn download(c: &mut Criterion) {
    let mut group = c.benchmark_group("whole-body-in-memory/download");
    quick_settings(&mut group);
    let runtime = runtime();
    let sizes: &[u64] = if quick() { &[QUICK_SIZE] } else { &SIZES };
    for &mib in sizes {
        group.throughput(Throughput::Bytes(mib << 20));
        let mut rows: Vec<(String, Box<dyn Download>)> = Variant::all()
            .iter()
            .map(|v| (v.name(), v.build()))
            .collect();
        rows.push(("limit".to_string(), Box::new(RawTcp::default())));
        for (name, subject) in &rows {
            group.bench_function(BenchmarkId::new(name, mib), |b| {
                b.iter_custom(|iters| {
                    time_downloads(&runtime, iters, mib, &**subject, File::Buffered)
                });
            });
        }
    }
    group.finish();
}

fn file(c: &mut Criterion) {
    let mut group = c.benchmark_group("whole-body-in-memory/file");
    quick_settings(&mut group);
    let runtime = runtime();
    let fixed = Variant::Fixed.build();
    group.throughput(Throughput::Bytes(QUICK_SIZE << 20));
    // `fixed` is the lab's fix as every other group has it (through the `BufWriter`);
    // `guide-bare-file` is the same loop into the bare file, as the guide writes it.
    for (name, file) in [("fixed", File::Buffered), ("guide-bare-file", File::Bare)] {
        group.bench_function(BenchmarkId::new(name, QUICK_SIZE), |b| {
            b.iter_custom(|iters| time_downloads(&runtime, iters, QUICK_SIZE, &*fixed, file));
        });
    }
    group.finish();
}

criterion_group!(benches, download, file);
criterion_main!(benches);
