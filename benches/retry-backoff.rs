//! Criterion bench for the retry-backoff lab: what the retry loop costs a call that succeeds at
//! once, on a real HTTP round trip over loopback.
//!
//! The lab's faults are in *what* a loop waits, and those are exact on a paused clock (the
//! tests, and the probe's tables and herd); no bench can add to that. What a bench can say is
//! what wrapping a call in a retry loop costs when nothing fails, which is most of the time.
//! One group, `first-try`: `n` sequential GETs to the lab's loopback server, which answers 200,
//! each through a variant's loop (`anti`, `fixed`, `backon`); time per call, real clock, on a
//! current-thread runtime that runs the server too. `limit` is the floor: the same GET with no
//! loop around it, `client.get(url).send()` and the status read. The policies compute nothing
//! on a first try, so every row is the round trip plus a few branches, and the chapter says so.
//!
//! Quick mode (`cargo xtask book`'s default) measures the smaller load only, thirty samples per
//! row in under a second; full mode and a `cargo bench` by hand measure both loads.

use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;
use retry_backoff::server::{self, Server};
use retry_backoff::{Config, Jitter, Script, StatusCode, Variant};

/// Calls per iteration ...
const CALLS: [usize; 2] = [10, 100];
/// ... and in quick mode.
const QUICK_CALLS: [usize; 1] = [10];

/// The variants measured: the anti-pattern, the fix, the crate.
const MEASURED: [Variant; 3] = [Variant::Anti, Variant::Fixed, Variant::Backon];

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(30)
            .warm_up_time(Duration::from_millis(150))
            .measurement_time(Duration::from_millis(600));
    }
}

fn first_try(c: &mut Criterion) {
    let mut group = c.benchmark_group("retry-backoff/first-try");
    quick_settings(&mut group);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime");
    let server = runtime
        .block_on(Server::start(Script::always(StatusCode::OK)))
        .expect("a loopback port");
    // One client for every row: its pool keeps the connection, as a real client's would.
    let client = server::client();
    let url = server.url();
    let config = Config::USUAL;
    let loads: &[usize] = if quick() { &QUICK_CALLS } else { &CALLS };
    for &n in loads {
        group.throughput(Throughput::Elements(n as u64));
        for variant in MEASURED {
            group.bench_function(BenchmarkId::new(variant.to_string(), n), |b| {
                b.iter_custom(|iterations| {
                    let start = Instant::now();
                    runtime.block_on(async {
                        for _ in 0..iterations * n as u64 {
                            let sent = variant
                                .call(&config, Jitter::seeded(1), || client.get(&url).send())
                                .await;
                            assert!(sent.is_ok_and(|r| r.status() == StatusCode::OK));
                        }
                    });
                    start.elapsed()
                });
            });
        }
        group.bench_function(BenchmarkId::new("limit", n), |b| {
            b.iter_custom(|iterations| {
                let start = Instant::now();
                runtime.block_on(async {
                    for _ in 0..iterations * n as u64 {
                        let response = client.get(&url).send().await.expect("loopback answers");
                        assert_eq!(response.status(), StatusCode::OK);
                    }
                });
                start.elapsed()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, first_try);
criterion_main!(benches);
