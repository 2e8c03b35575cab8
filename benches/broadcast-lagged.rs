//! Criterion bench for the broadcast-lagged lab: what each way of sharing events costs per
//! event, with 1, 4 and 16 subscribers that keep up.
//!
//! The behaviour (who quits, who skips, who loses silently) is exact under paused time and
//! lives in the tests and the probe. What paused time cannot show is the real cost of the
//! channel. One group, `deliver`: the publisher sends 4 096 events in bursts of 32 (half the
//! ring of 64, so no subscriber ever lags) and yields after each burst; every subscriber
//! handles each event it gets at no cost. Time per event sent, on the real clock of a
//! current-thread runtime. `anti` and `fixed` run the very same `recv` while nothing lags:
//! the fix costs nothing until the lag it exists for. `fan-out` pushes each event into one
//! queue per subscriber; `latest` coalesces (each subscriber reads only the newest value
//! after each burst). The headline is `fan-out` against `fixed` at 16 subscribers, the price
//! of delivering everything; `limit` is the floor: a bare `broadcast` with subscribers that
//! only count ([`broadcast_lagged::limit`]).
//!
//! Quick mode (`cargo xtask book`'s default, told by `evidence::Mode::from_env`) measures 16
//! subscribers only, thirty samples per row; full mode and a `cargo bench` by hand measure
//! every load with criterion's defaults.

use std::time::Duration;

use broadcast_lagged::{Scenario, Variant, Variants, limit};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use evidence::Mode;

/// Events per run ...
const EVENTS: u64 = 4_096;
/// ... sent in bursts of this many, then a yield: half the ring, so nothing lags.
const BURST: u64 = 32;
/// The ring (and for `fan-out`, each queue).
const CAPACITY: usize = 64;
/// Subscribers ...
const SUBSCRIBERS: [usize; 3] = [1, 4, 16];
/// ... and in quick mode: the headline's load only.
const QUICK_SUBSCRIBERS: [usize; 1] = [16];

fn scenario(subscribers: usize) -> Scenario {
    Scenario {
        capacity: CAPACITY,
        bursts: vec![BURST; (EVENTS / BURST) as usize],
        pause: Duration::ZERO,
        subscribers: vec![Duration::ZERO; subscribers],
    }
}

fn deliver(c: &mut Criterion) {
    let quick = Mode::from_env() == Mode::Quick;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    let mut group = c.benchmark_group("broadcast-lagged/deliver");
    group.throughput(Throughput::Elements(EVENTS));
    if quick {
        // Flat: every sample runs the same number of runs (each well under a millisecond),
        // so thirty samples of six rows fit in about three seconds.
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(30)
            .warm_up_time(Duration::from_millis(100))
            .measurement_time(Duration::from_millis(350));
    }
    let loads: &[usize] = if quick {
        &QUICK_SUBSCRIBERS
    } else {
        &SUBSCRIBERS
    };
    for &subscribers in loads {
        let scenario = scenario(subscribers);
        for &variant in Variant::all() {
            group.bench_function(BenchmarkId::new(variant.name(), subscribers), |b| {
                b.iter(|| runtime.block_on(variant.run(&scenario)));
            });
        }
        group.bench_function(BenchmarkId::new("limit", subscribers), |b| {
            b.iter(|| runtime.block_on(limit::run(&scenario)));
        });
    }
    group.finish();
}

criterion_group!(benches, deliver);
criterion_main!(benches);
