//! Criterion bench for the client-per-request lab: the sync job's time per request, per
//! variant, by requests in flight at once.
//!
//! One group, `sync-job`: an iteration is one run of the job, 64 GETs to the loopback API
//! with 1, 8 or 64 of them in flight (the parameter), through a client that lives for the
//! whole sample, as a long-running program's would (so `fixed` opens its connections in the
//! first iteration and reuses them after). Server and client share one current-thread runtime,
//! so a row measures the work of both ends with no thread hand-off in between. `limit` is the
//! floor: the same GETs written by hand over kept-alive connections (`limit::RawPool`), no
//! client library.
//!
//! Loopback has no network latency and no TLS, so the anti-pattern's cost here is the
//! connect, accept and close in the kernel and both ends' per-connection setup: on a real
//! network each new connection adds a round trip (and a TLS handshake) on top.
//!
//! Quick mode (`cargo xtask book`'s default) measures 1 and 64 in flight, twenty samples per
//! row; full mode and a `cargo bench` by hand measure 1, 8 and 64.

use std::sync::Arc;
use std::time::{Duration, Instant};

use client_per_request::limit::RawPool;
use client_per_request::{ApiClient, Job, Limits, Variant, Variants, job, server};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group,
    criterion_main,
};
use evidence::Mode;

/// GETs per iteration: one run of the job.
const REQUESTS: usize = 64;
/// Requests in flight at once ...
const CONCURRENCY: [usize; 3] = [1, 8, 64];
/// ... and in quick mode.
const QUICK_CONCURRENCY: [usize; 2] = [1, 64];

fn quick() -> bool {
    Mode::from_env() == Mode::Quick
}

fn quick_settings(group: &mut BenchmarkGroup<'_, WallTime>) {
    if quick() {
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_millis(150))
            .measurement_time(Duration::from_millis(500));
    }
}

/// Runs `iters` jobs through the client `make` builds, on a fresh server sized for them;
/// returns the time of the jobs alone.
fn time_jobs(
    runtime: &tokio::runtime::Runtime,
    iters: u64,
    concurrency: usize,
    make: &dyn Fn(std::net::SocketAddr) -> Arc<dyn ApiClient>,
) -> Duration {
    runtime.block_on(async {
        let requests = usize::try_from(iters).expect("iterations fit a usize") * REQUESTS;
        // A connection per request at most, for the variants that do not reuse them.
        let limits = Limits {
            max_connections: requests + 1,
            max_requests: requests,
        };
        let api = server::start_with(limits).await.expect("a loopback port");
        let client = make(api.addr());
        let url = api.url();
        let started = Instant::now();
        for _ in 0..iters {
            let job = Job {
                requests: REQUESTS,
                concurrency,
            };
            job::run(Arc::clone(&client), &url, job)
                .await
                .expect("every request answered");
        }
        started.elapsed()
    })
}

fn sync_job(c: &mut Criterion) {
    let mut group = c.benchmark_group("client-per-request/sync-job");
    quick_settings(&mut group);
    group.throughput(Throughput::Elements(REQUESTS as u64));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime");
    let loads: &[usize] = if quick() {
        &QUICK_CONCURRENCY
    } else {
        &CONCURRENCY
    };
    for &concurrency in loads {
        for &variant in Variant::all() {
            group.bench_function(BenchmarkId::new(variant.name(), concurrency), |b| {
                b.iter_custom(|iters| {
                    time_jobs(&runtime, iters, concurrency, &|_| {
                        variant.build().expect("a client")
                    })
                });
            });
        }
        group.bench_function(BenchmarkId::new("limit", concurrency), |b| {
            b.iter_custom(|iters| {
                time_jobs(&runtime, iters, concurrency, &|addr| {
                    Arc::new(RawPool::new(addr))
                })
            });
        });
    }
    group.finish();
}

criterion_group!(benches, sync_job);
criterion_main!(benches);
