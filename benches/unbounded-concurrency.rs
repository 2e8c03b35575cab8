//! Criterion bench for the unbounded-concurrency lab.
//!
//! scaffold: replace with the lab's questions, one group each (`unbounded-concurrency/<question>`), the
//! variant as the function id and the load as the parameter, plus a `limit` row: the bare
//! primitive the fix cannot beat. Keep quick mode within the lab's share of the main job's
//! time budget (`cargo xtask book` prints it).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::Variants;
use unbounded_concurrency::Variant;

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let mut group = c.benchmark_group("unbounded-concurrency/calls");
    group.throughput(Throughput::Elements(1));
    for &variant in Variant::all() {
        let subject = variant.build();
        group.bench_function(BenchmarkId::new(variant.name(), 1), |b| {
            b.iter(|| runtime.block_on(subject.handle(black_box(7))));
        });
    }
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);
