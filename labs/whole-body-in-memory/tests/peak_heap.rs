//! The lesson as a test: the fixes hold a bounded heap whatever the body's size, and the
//! anti-patterns hold the whole body.
//!
//! The heap is read from a counting global allocator, sampled by the server before each chunk
//! and by the writer before each write (`whole_body_in_memory::heap`). The count is
//! process-wide, so this file is its own test binary and its one test measures the downloads
//! one after another.

use std::alloc::System;
use std::sync::Arc;

use cap::Cap;
use whole_body_in_memory::heap::PeakHeap;
use whole_body_in_memory::server::{self, body_url};
use whole_body_in_memory::sink::CheckingSink;
use whole_body_in_memory::{Variant, Variants};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// What a streaming download may hold, whatever the size: hyper's read buffer (it grows to
/// about 400 KiB), one chunk in hand and the server's chunk being made, with room to spare.
const BOUND: usize = 2 << 20;

fn in_use() -> usize {
    ALLOCATOR.allocated()
}

#[tokio::test(flavor = "current_thread")]
async fn the_fixes_hold_a_bounded_heap_and_the_anti_patterns_the_whole_body() {
    let peak: Arc<std::sync::Mutex<Option<Arc<PeakHeap>>>> = Arc::default();
    let sampler = {
        let peak = Arc::clone(&peak);
        move || {
            if let Some(heap) = peak.lock().expect("no panic while sampling").as_ref() {
                heap.sample();
            }
        }
    };
    let server = server::start_observed(Arc::new(sampler.clone()))
        .await
        .expect("a loopback port");
    let client = reqwest::Client::new();
    for len in [1_u64 << 20, 8 << 20, 32 << 20] {
        for &variant in Variant::all() {
            let heap = Arc::new(PeakHeap::start(in_use));
            *peak.lock().expect("no panic") = Some(Arc::clone(&heap));
            let mut sink = CheckingSink::new(sampler.clone());
            variant
                .build()
                .download(&client, &body_url(&server, len), &mut sink)
                .await
                .expect("the download succeeds");
            assert!(sink.holds_body_of(len), "{variant} lost bytes");
            let held = heap.above_baseline();
            if variant.holds_whole_body() {
                // Nine tenths, not all: memory the previous download left behind can be freed
                // during this one, below the baseline, and hide a little of the body.
                assert!(
                    held as u64 >= len / 10 * 9,
                    "{variant} held only {held} B of a {len} B body"
                );
            } else {
                assert!(held <= BOUND, "{variant} held {held} B of a {len} B body");
            }
        }
    }
}
