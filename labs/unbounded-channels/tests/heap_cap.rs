//! The demo's memory cap is real: it stops the producer when the heap has grown by the cap,
//! whatever holds the queue, parked tasks included.
//!
//! A cap counted in queued events is no bound on memory: `spawned-send` holds a whole task
//! per queued event, several times the event's size. So the cap reads a counting allocator,
//! as the demo does. This file is its own test binary, with one test, because the
//! allocator's count is process-wide: another test allocating at the same time would move it.
//! Time is paused, so the run takes no real time and is the same every time.

use std::alloc::System;
use std::time::Duration;

use cap::Cap;
use unbounded_channels::scenario::{Finish, HeapCap, Scenario};
use unbounded_channels::sink::Sink;
use unbounded_channels::{Event, Variant};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

fn heap_in_use() -> usize {
    ALLOCATOR.allocated()
}

const CAP: usize = 1024 * 1024;
const EVENTS: u64 = 100_000;

#[tokio::test(start_paused = true)]
async fn the_heap_cap_stops_the_producer_whatever_holds_the_queue() {
    for variant in [Variant::Anti, Variant::SpawnedSend] {
        let outcome = Scenario {
            variant,
            capacity: 16,
            events: EVENTS,
            arrival_gap: Duration::from_micros(10),
            // Far slower than the arrivals: without the cap, all 100 000 events would queue,
            // about 25 MiB for `anti` and several times that for `spawned-send`.
            sink: Sink::Sleep(Duration::from_millis(1)),
            max_queued: u64::MAX,
            heap_cap: Some(HeapCap {
                in_use: heap_in_use,
                bytes: CAP,
            }),
            arrivals_end: None,
            finish: Finish::Abandon,
        }
        .run()
        .await;
        assert!(outcome.stopped_at_cap, "{variant}: {outcome:?}");
        assert!(outcome.arrived < EVENTS, "{variant}");
        // Every queued event holds at least its own bytes, so the cap bounds the queue.
        let held = outcome.left_queued as usize * Event::SIZE;
        assert!(held <= CAP, "{variant}: {held} bytes queued");
        // And it is what is queued that reaches the cap: the queue holds at least an eighth
        // of the cap's worth of events (a parked task of `spawned-send` costs several events).
        assert!(held >= CAP / 8, "{variant}: {held} bytes queued");
    }
}
