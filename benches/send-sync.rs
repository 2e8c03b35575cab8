//! What the right wrapper costs: one converter call through each variant, against the bare
//! library call.
//!
//! This lab's question is what compiles, and no benchmark answers it. What a bench can say is
//! the price of the answer: the fix takes an uncontended `std::sync::Mutex` around each call,
//! and the `limit` row is the same library call with no wrapper at all, which no wrapper can
//! beat. The load is the input's length in bytes: the library's own work grows with it, the
//! wrapper's cost does not, so the ratio to the limit shows how much of a call the lock is.
//! One thread, no contention: contended calls wait for each other by design (the library's
//! rule), so their cost is the library's, not the wrapper's.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evidence::Variants;
use send_sync::Variant;
use send_sync::ffi;

/// Input lengths: a short key, and a page of text.
const INPUT_BYTES: [usize; 2] = [16, 4096];

fn call(c: &mut Criterion) {
    let mut group = c.benchmark_group("send-sync/call");
    group.throughput(Throughput::Elements(1));
    for bytes in INPUT_BYTES {
        let input = "a".repeat(bytes);
        let session = ffi::open();
        group.bench_with_input(BenchmarkId::new("limit", bytes), &input, |b, input| {
            b.iter(|| ffi::convert(&session, black_box(input)));
        });
        // `refcell` is skipped: its call is `anti`'s without the `Rc` hop (the same
        // `RefCell` borrow), so it measures the same thing again and would push the quick run
        // past its 12 s budget.
        for &variant in Variant::all().iter().filter(|v| v.name() != "refcell") {
            let converter = variant.build(ffi::open());
            group.bench_with_input(
                BenchmarkId::new(variant.name(), bytes),
                &input,
                |b, input| b.iter(|| converter.convert(black_box(input))),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, call);
criterion_main!(benches);
